import { type Kafka } from 'kafkajs';
import { waitFor } from '@app/testing';
import { HEADERS, headerValue } from '../../src/kafka/headers';

/** The dead letters (or messages) on `topic` whose key `keep` accepts, with their dead-letter headers. */
export async function readTopic(
  kafka: Kafka,
  groupId: string,
  topic: string,
  keep: (key: string) => boolean,
  expected = 1,
): Promise<Record<string, string | undefined>[]> {
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const found: Record<string, string | undefined>[] = [];
  await consumer.run({
    eachMessage: ({ message }) => {
      const key = message.key?.toString() ?? '';
      if (!keep(key)) return Promise.resolve();
      found.push({
        key,
        reason: headerValue(message.headers, HEADERS.dlqReason),
        detail: headerValue(message.headers, HEADERS.dlqDetail),
        originalTopic: headerValue(message.headers, HEADERS.dlqOriginalTopic),
        originalPartition: headerValue(message.headers, HEADERS.dlqOriginalPartition),
        originalOffset: headerValue(message.headers, HEADERS.dlqOriginalOffset),
        attempts: headerValue(message.headers, HEADERS.dlqAttempts),
      });
      return Promise.resolve();
    },
  });
  try {
    await waitFor(`${expected} message(s) on ${topic}`, () => found.length >= expected || undefined, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return found;
}
