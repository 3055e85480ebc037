import { type IHeaders, type Kafka } from 'kafkajs';
import { deadLetterTopic } from '@app/contracts';
import { HEADERS } from '../kafka/headers';

export interface ReplayResult {
  topic: string;
  replayed: number;
}

const DLQ_HEADERS = new Set<string>([
  HEADERS.dlqOriginalTopic,
  HEADERS.dlqOriginalPartition,
  HEADERS.dlqOriginalOffset,
  HEADERS.dlqReason,
  HEADERS.dlqDetail,
  HEADERS.dlqAttempts,
  HEADERS.dlqFailedAt,
  HEADERS.dlqConsumerGroup,
]);

/**
 * Moves what is in `<topic>.dlq` back to `<topic>`, with the original key and
 * headers (so the trace continues) and a header naming the dead letter it came
 * from. Progress is a consumer group's committed offsets, so a replay that is
 * interrupted resumes where it stopped and never sends a message twice in the
 * normal case; consumers are idempotent for the rest. Stops once it has caught
 * up with what was in the dead-letter topic when it started.
 */
export async function replayDeadLetters(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReplayResult> {
  const dlq = deadLetterTopic(topic);
  const groupId = `dlq-replay.${topic}`;
  const remaining = await remainingPerPartition(kafka, dlq, groupId);
  if ([...remaining.values()].every((count) => count === 0)) return { topic, replayed: 0 };

  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId });
  await Promise.all([producer.connect(), consumer.connect()]);
  let replayed = 0;
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replay of ${dlq} timed out after ${timeoutMs} ms`)), timeoutMs);
      const finishIfDone = (): void => {
        if ([...remaining.values()].every((count) => count <= 0)) {
          clearTimeout(timer);
          resolve();
        }
      };
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if ((remaining.get(partition) ?? 0) <= 0) return;
            await producer.send({
              topic,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers: { ...withoutDlqHeaders(message.headers), [HEADERS.replayedFrom]: `${dlq}:${partition}:${message.offset}` } }],
            });
            replayed += 1;
            remaining.set(partition, (remaining.get(partition) ?? 0) - 1);
            finishIfDone();
          },
        })
        .catch(reject);
    });
  } finally {
    // Disconnecting commits the offsets resolved so far.
    await consumer.disconnect();
    await producer.disconnect();
  }
  return { topic, replayed };
}

async function remainingPerPartition(kafka: Kafka, dlq: string, groupId: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(dlq), admin.fetchOffsets({ groupId, topics: [dlq] })]);
    const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return new Map(
      ends.map((end) => {
        const start = Math.max(Number(end.low), committedByPartition.get(end.partition) ?? -1);
        return [end.partition, Math.max(0, Number(end.high) - start)];
      }),
    );
  } finally {
    await admin.disconnect();
  }
}

function withoutDlqHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries<IHeaders[string]>(Object.entries(headers ?? {}).filter(([name]) => !DLQ_HEADERS.has(name)));
}
