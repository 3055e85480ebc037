import { type Admin, ConfigResourceTypes, type Kafka } from 'kafkajs';
import { type TopicSpec } from '@app/contracts';

export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
}

const LEADER_WAIT_MS = 30_000;
const LEADER_POLL_MS = 100;
const RETENTION_WAIT_MS = 10_000;

/**
 * Creates missing topics (the broker does not auto-create them, so a typo in a
 * topic name fails loudly instead of creating a topic nobody reads), then waits
 * until every partition of every topic has a leader.
 *
 * The wait covers topics this call did not create: when several services start
 * together, another one may have created a topic a moment ago, and kafkajs
 * skips its own leader wait when the broker answers TOPIC_ALREADY_EXISTS. A
 * consumer or producer that used such a topic at once would fail with
 * UNKNOWN_TOPIC_OR_PARTITION.
 *
 * kafkajs's own leader wait after creating topics is switched off: it retries
 * only LEADER_NOT_AVAILABLE, and a fresh KRaft broker may still answer
 * UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created, which failed a
 * service's start on a new machine. The wait below tolerates both.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[], settings: TopicSettings): Promise<void> {
  const wanted = [...new Map(topics.map((spec) => [spec.topic, spec])).values()];
  if (wanted.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: topicConfig(spec, settings),
        })),
      });
    }
    await waitForLeaders(
      admin,
      wanted.map((spec) => spec.topic),
    );
    // Every topic, not only those listed before: one another process created a moment ago (or that the
    // listing had not caught up with) makes createTopics a silent no-op, and keeps whatever it was given.
    await correctRetention(admin, wanted, settings);
  } finally {
    await admin.disconnect();
  }
}

/** Every setting the project manages on a topic; retention is always explicit, never the broker's default. */
function topicConfig(spec: TopicSpec, settings: TopicSettings): { name: string; value: string }[] {
  return [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: String(spec.retentionMs) },
    ...(settings.replicationFactor > 1
      ? [{ name: 'min.insync.replicas', value: String(settings.replicationFactor - 1) }]
      : []),
  ];
}

/**
 * A topic made before its retention was declared (or declared differently)
 * is brought to the contract's value. AlterConfigs replaces a topic's whole
 * set of overrides, so every managed setting is sent together.
 */
async function correctRetention(admin: Admin, specs: TopicSpec[], settings: TopicSettings): Promise<void> {
  const drifted = await driftedRetention(admin, specs);
  if (drifted.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: drifted.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.topic,
      configEntries: topicConfig(spec, settings),
    })),
  });
  // The controller has committed the change; a broker applies it a moment later. Return only once it holds,
  // so a caller (or a test) that describes the topic next sees the declared retention.
  const deadline = Date.now() + RETENTION_WAIT_MS;
  while ((await driftedRetention(admin, drifted)).length > 0) {
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${RETENTION_WAIT_MS} ms waiting for the retention of ${drifted.length} topics`);
    await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
  }
}

/** The topics whose retention.ms is the broker's default or another value than declared. */
async function driftedRetention(admin: Admin, specs: TopicSpec[]): Promise<TopicSpec[]> {
  // kafkajs refuses a describe of nothing (every topic was just created).
  if (specs.length === 0) return [];
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: specs.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.topic,
      configNames: ['retention.ms'],
    })),
  });
  const current = new Map(
    resources.map((resource) => [
      resource.resourceName,
      resource.configEntries.find((entry) => entry.configName === 'retention.ms'),
    ]),
  );
  return specs.filter((spec) => {
    const entry = current.get(spec.topic);
    return !entry || entry.isDefault || entry.configValue !== String(spec.retentionMs);
  });
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready =
        metadata.length === topics.length &&
        metadata.every(
          (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
        );
      if (ready) return;
      if (Date.now() >= deadline)
        throw new Error(`timed out after ${LEADER_WAIT_MS} ms waiting for leaders of ${topics.length} topics`);
    } catch (error) {
      // UNKNOWN_TOPIC_OR_PARTITION and LEADER_NOT_AVAILABLE are what a topic
      // created a moment ago answers with; anything else past the deadline is real.
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
  }
}
