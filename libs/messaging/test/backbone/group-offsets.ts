import { type Admin, type Kafka } from 'kafkajs';
import { uuidv7 } from '@app/contracts';

/** How many messages a topic has ever held: the sum of its partitions' end offsets. */
export async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + Number(high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits a group's offsets at the current end of each topic, so it sees only
 * what comes next. The test broker outlives runs and its topics hold earlier
 * runs' invalid messages: a group reading them again would dead-letter them
 * again, and replaying the dead-letter topic would put them back, doubling
 * them on every run.
 */
export async function commitGroupAtEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await endOffsets(admin, topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** A consumer group for `topic` that will read only what is written from now on. */
export async function readerFromNow(kafka: Kafka, topic: string): Promise<string> {
  const groupId = `reader-${uuidv7()}`;
  await commitGroupAtEnd(kafka, groupId, [topic]);
  return groupId;
}

/**
 * A topic's end offsets. On a broker started a moment ago, ListOffsets may
 * answer NOT_LEADER_FOR_PARTITION for a topic ensureTopics has just seen with
 * leaders (kafkajs's admin does not retry it): asked again, it answers.
 */
async function endOffsets(admin: Admin, topic: string): Promise<{ partition: number; high: string }[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
