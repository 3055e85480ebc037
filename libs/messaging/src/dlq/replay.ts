import { type IHeaders, type Kafka } from 'kafkajs';
import { deadLetterTopic } from '@app/contracts';
import { HEADERS, headerValue } from '../kafka/headers';
import { type DeadLetterReason } from './dead-letter';

/**
 * What a replay sends back unless told otherwise: letters whose cause can be
 * fixed outside the message (a handler's failure, a missing handler or
 * contract). A MALFORMED_JSON or SCHEMA_INVALID letter holds the same bytes
 * it was refused for, so sending it back would only dead-letter it again, a
 * copy more on every replay; SCHEMA_INVALID can be asked for explicitly once
 * the consumer's contract is what was fixed. A PRODUCER_MISMATCH letter is a
 * forgery or a misattributed event: never sent back unless asked for.
 */
export const REPLAYED_BY_DEFAULT: readonly DeadLetterReason[] = ['HANDLER_FAILED', 'NO_HANDLER', 'UNKNOWN_TOPIC'];

export interface ReplayOptions {
  /** The reasons whose letters are sent back; the others are skipped. */
  reasons?: readonly DeadLetterReason[];
  timeoutMs?: number;
}

export interface ReplayResult {
  topic: string;
  replayed: number;
  /** Letters left in the dead-letter topic, by their `dlq-reason` ("none" when a letter has none). */
  skipped: Record<string, number>;
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
 * The consumer group that records a replay's progress. Each choice of reasons
 * has its own, so that a later replay asking for a reason skipped before
 * still finds those letters; the default keeps the plain name.
 */
export function replayGroupId(topic: string, reasons: readonly DeadLetterReason[]): string {
  const chosen = [...new Set(reasons)].sort().join('+');
  return chosen === [...REPLAYED_BY_DEFAULT].sort().join('+') ? `dlq-replay.${topic}` : `dlq-replay.${topic}.${chosen}`;
}

/**
 * Moves the dead letters in `<topic>.dlq` whose reason is one of `reasons`
 * back to `<topic>`, with the original key and headers (so the trace
 * continues) and a header naming the dead letter it came from. The other
 * letters stay where they are and are counted. Progress is a consumer group's
 * committed offsets, so a replay that is interrupted resumes where it stopped
 * and never sends a message twice in the normal case; consumers are
 * idempotent for the rest. Stops once it has caught up with what was in the
 * dead-letter topic when it started.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  topic: string,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const chosen = options.reasons ?? REPLAYED_BY_DEFAULT;
  if (chosen.length === 0) throw new Error('a replay needs at least one dead-letter reason');
  const reasons = new Set<string>(chosen);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dlq = deadLetterTopic(topic);
  const groupId = replayGroupId(topic, chosen);
  const remaining = await remainingPerPartition(kafka, dlq, groupId);
  const result: ReplayResult = { topic, replayed: 0, skipped: {} };
  if ([...remaining.values()].every((count) => count === 0)) return result;

  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId });
  await Promise.all([producer.connect(), consumer.connect()]);
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
            const reason = headerValue(message.headers, HEADERS.dlqReason) ?? 'none';
            if (reasons.has(reason)) {
              await producer.send({
                topic,
                acks: -1,
                messages: [
                  {
                    key: message.key,
                    value: message.value,
                    headers: {
                      ...withoutDlqHeaders(message.headers),
                      [HEADERS.replayedFrom]: `${dlq}:${partition}:${message.offset}`,
                    },
                  },
                ],
              });
              result.replayed += 1;
            } else {
              result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
            }
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
  return result;
}

async function remainingPerPartition(kafka: Kafka, dlq: string, groupId: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(dlq),
      admin.fetchOffsets({ groupId, topics: [dlq] }),
    ]);
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
