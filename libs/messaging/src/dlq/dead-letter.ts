import { type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import { deadLetterTopic } from '@app/contracts';
import { HEADERS } from '../kafka/headers';

/** Why a message left its topic. Stable codes: operators filter on them. */
export const DEAD_LETTER_REASONS = [
  'UNKNOWN_TOPIC',
  'NO_HANDLER',
  'MALFORMED_JSON',
  'SCHEMA_INVALID',
  // A valid envelope from a service the contract does not name as a producer.
  'PRODUCER_MISMATCH',
  'HANDLER_FAILED',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: DeadLetterReason;
  /** Safe detail: schema paths and rule codes, or an error's name; never values. */
  detail: string;
  attempts: number;
  consumerGroup: string;
}

/**
 * Copies a message to `<topic>.dlq` with the original key, value and headers,
 * plus where it came from and why. Resolves only once the broker has the copy,
 * so the caller may then commit the original offset.
 */
export async function publishDeadLetter(producer: Producer, letter: DeadLetter): Promise<void> {
  const headers: IHeaders = {
    ...(letter.message.headers ?? {}),
    [HEADERS.dlqOriginalTopic]: letter.topic,
    [HEADERS.dlqOriginalPartition]: String(letter.partition),
    [HEADERS.dlqOriginalOffset]: letter.message.offset,
    [HEADERS.dlqReason]: letter.reason,
    [HEADERS.dlqDetail]: letter.detail.slice(0, 500),
    [HEADERS.dlqAttempts]: String(letter.attempts),
    [HEADERS.dlqFailedAt]: new Date().toISOString(),
    [HEADERS.dlqConsumerGroup]: letter.consumerGroup,
  };
  await producer.send({
    topic: deadLetterTopic(letter.topic),
    acks: -1,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}
