import { Logger, type LoggerService } from '@nestjs/common';
import { KafkaContext, ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { type EachMessagePayload, type Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contractForTopic, deadLetterTopic, type EventEnvelope } from '@app/contracts';
import { contextFromTraceparent, describeError } from '@app/observability';
import { publishDeadLetter, type DeadLetterReason } from '../dlq/dead-letter';
import { decodeEvent } from './decode-event';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import { ensureTopics, type TopicSettings } from '../kafka/ensure-topics';
import { HEADERS, headerValue } from '../kafka/headers';

export interface ReliableKafkaOptions {
  kafka: NonNullable<KafkaOptions['options']>;
  retry: RetryPolicy;
  topics: TopicSettings;
  /** Called when the consumer has stopped for good; the process must not stay half alive. */
  onFatal: (error: Error) => void;
  logger?: LoggerService;
}

type Handler = NonNullable<ReturnType<ServerKafka['getHandlerByPattern']>>;

const tracer = trace.getTracer('@app/messaging');

/**
 * Nest's Kafka transport with the failure behaviour this project needs:
 * - every message is validated against its topic's contract;
 * - a failing handler is retried a bounded number of times with backoff,
 *   then the message goes to `<topic>.dlq` with the reason, and its offset is
 *   committed, so one bad message never blocks the partition;
 * - a message no handler matches is dead-lettered, never silently committed;
 * - the consumer's topics (and their dead-letter topics) are created if
 *   missing, and a new consumer group starts from the beginning;
 * - a consumer that kafkajs will not restart calls `onFatal`.
 */
export class ReliableKafkaServer extends ServerKafka {
  private readonly reliable: ReliableKafkaOptions;
  private readonly log: LoggerService;
  private crashed = false;
  /** A service with no event handlers runs no consumer and is never unhealthy for it. */
  private idle = false;

  constructor(options: ReliableKafkaOptions) {
    super({
      ...options.kafka,
      subscribe: { fromBeginning: true, ...options.kafka.subscribe },
      producer: { idempotent: true, ...options.kafka.producer },
    });
    this.reliable = options;
    this.log = options.logger ?? new Logger(ReliableKafkaServer.name);
  }

  /** False once the consumer has crashed without a restart. */
  get alive(): boolean {
    return this.idle || (!this.crashed && this.consumer !== null);
  }

  override async start(callback: () => void): Promise<void> {
    const topics = [...this.messageHandlers.keys()].filter((pattern): pattern is string => typeof pattern === 'string');
    if (topics.length === 0) {
      this.idle = true;
      return callback();
    }
    await ensureTopics(this.client as Kafka, [...topics, ...topics.map(deadLetterTopic)], this.reliable.topics);
    await super.start(callback);
  }

  override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.log.warn({ msg: 'consumer crashed; kafkajs restarts it', error: payload.error, groupId: payload.groupId }, ReliableKafkaServer.name);
        return;
      }
      this.crashed = true;
      this.log.error({ msg: 'consumer stopped for good', error: payload.error, groupId: payload.groupId }, ReliableKafkaServer.name);
      this.reliable.onFatal(payload.error);
    });
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const contract = contractForTopic(topic);
    if (!contract) return this.deadLetter(payload, 'UNKNOWN_TOPIC', `no contract for topic ${topic}`, 0);
    const handler = this.getHandlerByPattern(topic);
    if (!handler) return this.deadLetter(payload, 'NO_HANDLER', `no handler for topic ${topic}`, 0);
    const decoded = decodeEvent(contract, message.value);
    if (!decoded.ok) return this.deadLetter(payload, decoded.reason, decoded.detail, 0);

    const parent = contextFromTraceparent(headerValue(message.headers, HEADERS.traceparent));
    const span = tracer.startSpan(`${topic} process`, {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.kafka.destination.partition': partition, 'messaging.kafka.message.offset': Number(message.offset) },
    }, parent);
    try {
      await context.with(trace.setSpan(parent, span), () => this.processWithRetries(payload, handler, decoded.envelope));
    } finally {
      span.end();
    }
  }

  private async processWithRetries(payload: EachMessagePayload, handler: Handler, envelope: EventEnvelope<unknown>): Promise<void> {
    const { maxAttempts } = this.reliable.retry;
    const kafkaContext = new KafkaContext([payload.message, payload.partition, payload.topic, this.consumer!, () => payload.heartbeat(), this.producer!]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result: unknown = await handler(envelope, kafkaContext);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        this.log.debug?.({ msg: 'event processed', topic: payload.topic, eventId: envelope.eventId, aggregateId: envelope.aggregateId, sequence: envelope.sequence, attempt }, ReliableKafkaServer.name);
        return;
      } catch (error) {
        const detail = error instanceof Error ? JSON.stringify(describeError(error)) : typeof error;
        if (attempt >= maxAttempts) {
          trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
          return this.deadLetter(payload, 'HANDLER_FAILED', detail, attempt);
        }
        this.log.warn({ msg: 'handler failed; retrying', topic: payload.topic, eventId: envelope.eventId, attempt, error }, ReliableKafkaServer.name);
        await this.pause(backoffDelay(this.reliable.retry, attempt), payload);
      }
    }
  }

  /** Waits between attempts while keeping the group membership alive. */
  private async pause(ms: number, payload: EachMessagePayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await payload.heartbeat();
    }
  }

  private async deadLetter(payload: EachMessagePayload, reason: DeadLetterReason, detail: string, attempts: number): Promise<void> {
    // If this send fails the error reaches kafkajs, which retries the message
    // without committing it: nothing is lost.
    await publishDeadLetter(this.producer!, { topic: payload.topic, partition: payload.partition, message: payload.message, reason, detail, attempts, consumerGroup: this.groupId });
    this.log.warn({ msg: 'message dead-lettered', topic: payload.topic, partition: payload.partition, offset: payload.message.offset, reason, detail, attempts }, ReliableKafkaServer.name);
  }
}
