import { type Kafka } from 'kafkajs';

export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates missing topics (the broker does not auto-create them, so a typo in a
 * topic name fails loudly instead of creating a topic nobody reads).
 */
export async function ensureTopics(kafka: Kafka, topics: string[], settings: TopicSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: settings.partitions,
        replicationFactor: settings.replicationFactor,
        configEntries: settings.replicationFactor > 1 ? [{ name: 'min.insync.replicas', value: String(settings.replicationFactor - 1) }] : [],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
