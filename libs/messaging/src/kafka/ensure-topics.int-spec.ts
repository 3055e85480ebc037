import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { uuidv7 } from '@app/contracts';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers, kafkaSasl, testKafkaConfig } from '@app/testing';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './ensure-topics';

const logger = jsonLogger('ensure-topics-test', 'error');

describe('ensureTopics (real Kafka)', () => {
  // Four services start together and each ensures the same contract topics.
  // Whichever call returns, the topics must be usable at once: a client that
  // does not retry must find a leader for every partition.
  it('leaves every topic with a leader for each of several concurrent callers', async () => {
    const run = uuidv7().slice(-12);
    const topics = Array.from({ length: 12 }, (_, index) => ({
      topic: `ensure-test.${run}.t${index}.v1`,
      retentionMs: 86_400_000,
    }));
    const names = topics.map((spec) => spec.topic);
    const impatient = new Kafka({ ...testKafkaConfig(`impatient-${run}`), retry: { retries: 0 } });

    const callers = Array.from({ length: 4 }, async (_, index) => {
      await ensureTopics(createKafka(`ensure-${run}-${index}`, kafkaBrokers(), logger, kafkaSasl()), topics, {
        partitions: 3,
        replicationFactor: 1,
      });
      const admin = impatient.admin();
      await admin.connect();
      try {
        return (await admin.fetchTopicMetadata({ topics: names })).topics;
      } finally {
        await admin.disconnect();
      }
    });

    for (const metadata of await Promise.all(callers)) {
      expect(metadata.map((topic) => topic.name).sort()).toEqual([...names].sort());
      for (const topic of metadata) {
        expect(topic.partitions).toHaveLength(3);
        expect(topic.partitions.every((partition) => partition.leader >= 0)).toBe(true);
      }
    }
  }, 60_000);

  // Erasure cannot reach a topic, so how long one keeps messages is declared
  // per contract and must be what the broker holds, never its 7-day default,
  // also for a topic that existed before the declaration.
  it('gives new and existing topics their declared retention', async () => {
    const run = uuidv7().slice(-12);
    const kafka = createKafka(`retention-${run}`, kafkaBrokers(), logger, kafkaSasl());
    const fresh = { topic: `ensure-test.${run}.fresh.v1`, retentionMs: 2 * 86_400_000 };
    const old = { topic: `ensure-test.${run}.old.v1`, retentionMs: 3 * 86_400_000 };
    const admin = kafka.admin();
    await admin.connect();
    try {
      // Without kafkajs's leader wait, which gives up on a fresh topic (see ensureTopics); ensureTopics waits.
      await admin.createTopics({ waitForLeaders: false, topics: [{ topic: old.topic, numPartitions: 1 }] });
      await ensureTopics(kafka, [fresh, old], { partitions: 1, replicationFactor: 1 });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [fresh, old].map((spec) => ({
          type: ConfigResourceTypes.TOPIC,
          name: spec.topic,
          configNames: ['retention.ms', 'cleanup.policy'],
        })),
      });
      const held = Object.fromEntries(
        resources.map((resource) => [
          resource.resourceName,
          Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
        ]),
      );
      expect(held).toEqual({
        [fresh.topic]: { 'retention.ms': String(fresh.retentionMs), 'cleanup.policy': 'delete' },
        [old.topic]: { 'retention.ms': String(old.retentionMs), 'cleanup.policy': 'delete' },
      });
    } finally {
      await admin.deleteTopics({ topics: [fresh.topic, old.topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 60_000);
});
