import { type Kafka } from 'kafkajs';
import { deadLetterTopic } from '@app/contracts';
import { waitFor } from '@app/testing';
import { messagesOn } from './every-topic';

export const PROBE_MARKER_HEADER = 'test-marker';

/**
 * Sends `topic` one message that is not an event envelope (so every consumer
 * of the topic dead-letters it as SCHEMA_INVALID), keyed by `key` and marked
 * with `marker`, and waits until `consumers` copies are on the dead-letter
 * topic. A scan of the dead-letter topics then has something to read.
 */
export async function deadLetterOneMessage(
  kafka: Kafka,
  { topic, key, marker, consumers }: { topic: string; key: string; marker: string; consumers: number },
): Promise<void> {
  const dlq = deadLetterTopic(topic);
  const before = await messagesOn(kafka, dlq);
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key, value: JSON.stringify({ note: 'not an event' }), headers: { [PROBE_MARKER_HEADER]: marker } }],
    });
  } finally {
    await producer.disconnect();
  }
  await waitFor(
    `${consumers} dead letters on ${dlq}`,
    async () => ((await messagesOn(kafka, dlq)) >= before + consumers ? true : undefined),
    60_000,
    200,
  );
}
