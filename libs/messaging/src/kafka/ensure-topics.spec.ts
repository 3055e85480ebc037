import { type Admin, type Kafka } from 'kafkajs';
import { ensureTopics } from './ensure-topics';

type Metadata = Awaited<ReturnType<Admin['fetchTopicMetadata']>>;

function partitions(leader: number): Metadata['topics'][number]['partitions'] {
  return [0, 1].map((partitionId) => ({
    partitionId,
    leader,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));
}

const DAY_MS = 86_400_000;
const spec = (topic: string) => ({ topic, retentionMs: 14 * DAY_MS });

/** What describeConfigs answers for a topic: its retention.ms, or the broker default when undefined. */
function fakeKafka(
  existing: string[],
  metadataAnswers: Array<Metadata | Error>,
  initialRetentionOf: (topic: string) => string | undefined = () => String(14 * DAY_MS),
) {
  // What alterConfigs set, as a broker would then describe it.
  const altered = new Map<string, string>();
  const retentionOf = (topic: string): string | undefined => altered.get(topic) ?? initialRetentionOf(topic);
  const admin = {
    // As kafkajs, which refuses to describe no resources.
    describeConfigs: jest.fn(({ resources }: { resources: { name: string }[] }) =>
      resources.length === 0
        ? Promise.reject(new Error('Resources array cannot be empty'))
        : Promise.resolve({
            resources: resources.map(({ name }) => ({
              resourceName: name,
              configEntries: [
                {
                  configName: 'retention.ms',
                  configValue: retentionOf(name) ?? String(7 * DAY_MS),
                  isDefault: retentionOf(name) === undefined,
                },
              ],
            })),
          }),
    ),
    alterConfigs: jest.fn(
      ({ resources }: { resources: { name: string; configEntries: { name: string; value: string }[] }[] }) => {
        for (const { name, configEntries } of resources) {
          const retention = configEntries.find((entry) => entry.name === 'retention.ms');
          if (retention) altered.set(name, retention.value);
        }
        return Promise.resolve({ resources: [] });
      },
    ),
    connect: jest.fn().mockResolvedValue(undefined),
    disconnect: jest.fn().mockResolvedValue(undefined),
    listTopics: jest.fn().mockResolvedValue(existing),
    // kafkajs's own leader wait gives up on UNKNOWN_TOPIC_OR_PARTITION, which a
    // fresh broker answers for a topic it has just created; without that wait
    // it answers false when another process created the topics first.
    createTopics: jest.fn(({ waitForLeaders = true }: { waitForLeaders?: boolean }) =>
      waitForLeaders ? Promise.reject(unknownTopic()) : Promise.resolve(false),
    ),
    fetchTopicMetadata: jest.fn(() => {
      const answer = metadataAnswers.shift();
      if (answer === undefined) throw new Error('no more metadata answers');
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    }),
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, admin };
}

function unknownTopic(): Error {
  return Object.assign(new Error('This server does not host this topic-partition'), {
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
  });
}

const settings = { partitions: 2, replicationFactor: 1 };

describe('ensureTopics', () => {
  it('creates only the missing topics', async () => {
    const { kafka, admin } = fakeKafka(
      ['a'],
      [
        {
          topics: [
            { name: 'a', partitions: partitions(1) },
            { name: 'b', partitions: partitions(1) },
          ],
        },
      ],
    );
    await ensureTopics(kafka, [spec('a'), spec('b'), spec('a')], settings);
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
    expect(admin.createTopics).toHaveBeenCalledWith(
      expect.objectContaining({
        topics: [
          expect.objectContaining({
            topic: 'b',
            configEntries: expect.arrayContaining([{ name: 'retention.ms', value: String(14 * DAY_MS) }]) as unknown[],
          }),
        ],
      }),
    );
    expect(admin.alterConfigs).not.toHaveBeenCalled();
    expect(admin.disconnect).toHaveBeenCalled();
  });

  it('corrects a topic that another process created between the listing and the creation', async () => {
    // Not listed, so created; the broker answers that it exists, and createTopics returns false having set nothing.
    const { kafka, admin } = fakeKafka([], [{ topics: [{ name: 'a', partitions: partitions(1) }] }], () => undefined);
    await ensureTopics(kafka, [spec('a')], settings);
    expect(admin.alterConfigs).toHaveBeenCalledTimes(1);
  });

  it('waits for leaders of topics another process has just created', async () => {
    const { kafka, admin } = fakeKafka(
      [],
      [
        unknownTopic(),
        { topics: [{ name: 'a', partitions: partitions(-1) }] },
        { topics: [{ name: 'a', partitions: partitions(1) }] },
      ],
    );
    await ensureTopics(kafka, [spec('a')], settings);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(3);
  });

  it('also waits when every topic already exists', async () => {
    const { kafka, admin } = fakeKafka(['a'], [{ topics: [] }, { topics: [{ name: 'a', partitions: partitions(1) }] }]);
    await ensureTopics(kafka, [spec('a')], settings);
    expect(admin.createTopics).not.toHaveBeenCalled();
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('sets the declared retention on an existing topic that has the default or another value', async () => {
    const metadata = { topics: ['a', 'b', 'c'].map((name) => ({ name, partitions: partitions(1) })) };
    const { kafka, admin } = fakeKafka(['a', 'b', 'c'], [metadata], (topic) =>
      topic === 'a' ? undefined : topic === 'b' ? String(DAY_MS) : String(14 * DAY_MS),
    );
    await ensureTopics(kafka, [spec('a'), spec('b'), spec('c')], settings);
    expect(admin.alterConfigs).toHaveBeenCalledTimes(1);
    const [{ resources }] = admin.alterConfigs.mock.calls[0] as [
      { resources: { name: string; configEntries: unknown }[] },
    ];
    expect(resources.map((resource) => resource.name)).toEqual(['a', 'b']);
    expect(resources[0]!.configEntries).toEqual([
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: String(14 * DAY_MS) },
    ]);
  });
});
