import { type Kafka, type KafkaMessage } from 'kafkajs';
import { waitFor } from '@app/testing';

/** Messages the broker holds on one topic: the sum of its partitions' high watermarks. */
export async function messagesOn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads every message of every topic the broker lists (its internal `__`
 * topics aside), dead-letter topics included: none is named here, so a topic
 * added later is read too. Each topic is read to the end it had when the scan
 * began; returns how many messages each topic had.
 */
export async function readEveryTopic(
  kafka: Kafka,
  groupId: string,
  onMessage: (topic: string, message: KafkaMessage) => void,
): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  await admin.disconnect();
  const expected = new Map<string, number>();
  for (const topic of topics) expected.set(topic, await messagesOn(kafka, topic));
  const read = new Map<string, number>();
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        read.set(topic, (read.get(topic) ?? 0) + 1);
        onMessage(topic, message);
        return Promise.resolve();
      },
    });
    await waitFor(
      'every message of every topic read',
      () => ([...expected].every(([topic, total]) => (read.get(topic) ?? 0) >= total) ? true : undefined),
      60_000,
      200,
    );
  } finally {
    await consumer.disconnect();
  }
  return expected;
}
