import { type IHeaders } from 'kafkajs';

export const HEADERS = {
  traceparent: 'traceparent',
  dlqOriginalTopic: 'dlq-original-topic',
  dlqOriginalPartition: 'dlq-original-partition',
  dlqOriginalOffset: 'dlq-original-offset',
  dlqReason: 'dlq-reason',
  dlqDetail: 'dlq-detail',
  dlqAttempts: 'dlq-attempts',
  dlqFailedAt: 'dlq-failed-at',
  dlqConsumerGroup: 'dlq-consumer-group',
  replayedFrom: 'dlq-replayed-from',
} as const;

export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}
