import { Logger, type LoggerService } from '@nestjs/common';
import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { type Consumer, type EachBatchPayload, type EachMessagePayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { topicSpecsOf, type EventContract, type EventEnvelope } from '@app/contracts';
import { publishDeadLetter, type DeadLetterReason } from '../dlq/dead-letter';
import { ensureTopics, type TopicSettings } from '../kafka/ensure-topics';
import { callHandler, type Delivery, type Handler, kafkaContextOf } from './call-handler';
import { inBatchSpan, inMessageSpan } from './consumer-spans';
import { decodeEvent } from './decode-event';
import { BATCH_HANDLER, EVENT_CONTRACT } from './on-event.decorator';
import { type RetryPolicy } from './retry-policy';
import { runWithRetries } from './run-with-retries';

export interface ReliableKafkaOptions {
  kafka: NonNullable<KafkaOptions['options']>;
  retry: RetryPolicy;
  topics: TopicSettings;
  /** Called when the consumer has stopped for good; the process must not stay half alive. */
  onFatal: (error: Error) => void;
  logger?: LoggerService;
}

/** Events handed to an @OnEventBatch handler at most at once. */
const MAX_BATCH = 500;

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
 *
 * kafkajs delivers batches (one topic-partition each). Messages for @OnEvent
 * handlers are processed one at a time, as kafkajs's eachMessage does; an
 * @OnEventBatch handler gets up to MAX_BATCH consecutive valid events at once.
 * Either way an offset is resolved only after the effect of its message (and
 * of every message before it in the partition) is durable or dead-lettered.
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
    // No context of its own: each line names the server, and a second context would become the line's message.
    this.log = options.logger ?? new Logger();
  }

  /** False once the consumer has crashed without a restart. */
  get alive(): boolean {
    return this.idle || (!this.crashed && this.consumer !== null);
  }

  override async start(callback: () => void): Promise<void> {
    const contracts = [...this.messageHandlers.values()]
      .map(contractOf)
      .filter((contract): contract is EventContract => contract !== undefined);
    if (contracts.length === 0) {
      this.idle = true;
      return callback();
    }
    await ensureTopics(this.client as Kafka, contracts.flatMap(topicSpecsOf), this.reliable.topics);
    await super.start(callback);
  }

  override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.log.warn(
          { msg: 'consumer crashed; kafkajs restarts it', error: payload.error, groupId: payload.groupId },
          ReliableKafkaServer.name,
        );
        return;
      }
      this.crashed = true;
      this.log.error(
        { msg: 'consumer stopped for good', error: payload.error, groupId: payload.groupId },
        ReliableKafkaServer.name,
      );
      this.reliable.onFatal(payload.error);
    });
  }

  /** Subscribes like ServerKafka, but runs the consumer batch by batch. */
  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...this.options.subscribe, topics });
    await consumer.run({
      ...this.options.run,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const handler = this.getHandlerByPattern(batch.topic);
    const contract = handler && contractOf(handler);
    const batchHandler = contract && handler?.extras?.[BATCH_HANDLER] === true ? handler : undefined;
    const step = batchHandler ? MAX_BATCH : 1;
    for (let start = 0; start < batch.messages.length; start += step) {
      // Stopping, or the partition was taken away (rebalance, seek): its next owner reads from the committed offset.
      if (!payload.isRunning() || payload.isStale()) return;
      const messages = batch.messages.slice(start, start + step);
      if (batchHandler && contract) await this.handleEvents(payload, batchHandler, contract, messages);
      else
        await this.handleMessage({
          topic: batch.topic,
          partition: batch.partition,
          message: messages[0]!,
          heartbeat: () => payload.heartbeat(),
          pause: () => payload.pause(),
        });
      payload.resolveOffset(messages[messages.length - 1]!.offset);
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
    }
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const handler = this.getHandlerByPattern(topic);
    if (!handler) return this.deadLetter(payload, 'NO_HANDLER', `no handler for topic ${topic}`, 0);
    const contract = contractOf(handler);
    if (!contract) return this.deadLetter(payload, 'UNKNOWN_TOPIC', `no contract for topic ${topic}`, 0);
    const decoded = decodeEvent(contract, message.value);
    if (!decoded.ok) return this.deadLetter(payload, decoded.reason, decoded.detail, 0);
    await inMessageSpan(topic, partition, message, () => this.processWithRetries(payload, handler, decoded.envelope));
  }

  private async processWithRetries(
    payload: EachMessagePayload,
    handler: Handler,
    envelope: EventEnvelope<unknown>,
  ): Promise<void> {
    const heartbeat = (): Promise<void> => payload.heartbeat();
    const kafkaContext = kafkaContextOf(payload, this.consumer!, this.producer!, heartbeat);
    const outcome = await runWithRetries(
      this.reliable.retry,
      heartbeat,
      () => callHandler(handler, envelope, kafkaContext),
      (attempt, error) => {
        this.log.warn(
          { msg: 'handler failed; retrying', topic: payload.topic, eventId: envelope.eventId, attempt, error },
          ReliableKafkaServer.name,
        );
      },
    );
    if (!outcome.ok) {
      trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
      return this.deadLetter(payload, 'HANDLER_FAILED', outcome.detail, outcome.attempts);
    }
    this.log.debug?.(
      {
        msg: 'event processed',
        topic: payload.topic,
        eventId: envelope.eventId,
        aggregateId: envelope.aggregateId,
        sequence: envelope.sequence,
        attempt: outcome.attempts,
      },
      ReliableKafkaServer.name,
    );
  }

  /**
   * Consecutive messages of one partition for an @OnEventBatch handler.
   * Invalid messages are dead-lettered; the valid ones are handled together
   * with bounded retries; if that keeps failing, each is handled alone with
   * bounded retries, so only the events that fail alone are dead-lettered.
   */
  private async handleEvents(
    payload: EachBatchPayload,
    handler: Handler,
    contract: EventContract,
    messages: KafkaMessage[],
  ): Promise<void> {
    const { topic, partition } = payload.batch;
    const events: { message: KafkaMessage; envelope: EventEnvelope<unknown> }[] = [];
    for (const message of messages) {
      const decoded = decodeEvent(contract, message.value);
      if (decoded.ok) events.push({ message, envelope: decoded.envelope });
      else await this.deadLetter({ topic, partition, message }, decoded.reason, decoded.detail, 0);
    }
    if (events.length === 0) return;
    const valid = events.map(({ message }) => message);
    await inBatchSpan(topic, partition, valid, async (span) => {
      const envelopes = events.map(({ envelope }) => envelope);
      const failure = await this.attempt(payload, handler, envelopes, valid[valid.length - 1]!);
      if (failure === undefined) return;
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'batch failed; retrying its events one by one' });
      const { maxAttempts } = this.reliable.retry;
      for (const { message, envelope } of events) {
        const detail = events.length === 1 ? failure : await this.attempt(payload, handler, [envelope], message);
        if (detail !== undefined)
          await this.deadLetter({ topic, partition, message }, 'HANDLER_FAILED', detail, maxAttempts);
      }
    });
  }

  /** Calls a batch handler with bounded retries; returns the last error's safe detail if every attempt failed. */
  private async attempt(
    payload: EachBatchPayload,
    handler: Handler,
    envelopes: EventEnvelope<unknown>[],
    last: KafkaMessage,
  ): Promise<string | undefined> {
    const { topic, partition } = payload.batch;
    const heartbeat = (): Promise<void> => payload.heartbeat();
    const kafkaContext = kafkaContextOf({ topic, partition, message: last }, this.consumer!, this.producer!, heartbeat);
    const outcome = await runWithRetries(
      this.reliable.retry,
      heartbeat,
      () => callHandler(handler, envelopes, kafkaContext),
      (attempt, error) => {
        this.log.warn(
          { msg: 'batch handler failed; retrying', topic, partition, events: envelopes.length, attempt, error },
          ReliableKafkaServer.name,
        );
      },
    );
    return outcome.ok ? undefined : outcome.detail;
  }

  private async deadLetter(
    payload: Delivery,
    reason: DeadLetterReason,
    detail: string,
    attempts: number,
  ): Promise<void> {
    // If this send fails the error reaches kafkajs, which retries the message
    // without committing it: nothing is lost.
    await publishDeadLetter(this.producer!, {
      topic: payload.topic,
      partition: payload.partition,
      message: payload.message,
      reason,
      detail,
      attempts,
      consumerGroup: this.groupId,
    });
    this.log.warn(
      {
        msg: 'message dead-lettered',
        topic: payload.topic,
        partition: payload.partition,
        offset: payload.message.offset,
        reason,
        detail,
        attempts,
      },
      ReliableKafkaServer.name,
    );
  }
}

/** The contract @OnEvent / @OnEventBatch stored with the handler; a bare @EventPattern has none. */
function contractOf(handler: Handler): EventContract | undefined {
  const contract: unknown = handler.extras?.[EVENT_CONTRACT];
  return typeof contract === 'object' && contract !== null && 'envelope' in contract
    ? (contract as EventContract)
    : undefined;
}
