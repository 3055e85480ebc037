import { type LoggerService } from '@nestjs/common';
import { type Producer, type TopicMessages } from 'kafkajs';
import { type OutboxEntry, type OutboxStore } from '@app/persistence';
import { endProducerSpans, type ProducerSpan, startProducerSpan } from '@app/observability';
import { HEADERS } from '../kafka/headers';

export interface RelayOptions {
  /** Documents read per round; each may hold several events. */
  batchDocuments: number;
  /** How often to look for events written by other replicas or left by a crash. */
  pollIntervalMs: number;
  /** Longest wait between attempts while Kafka or MongoDB is failing. */
  maxBackoffMs: number;
  /**
   * After a wake-up, how long to gather further writes into the same round.
   * Each round queries the outbox; a round per write would cost the database
   * more than the milliseconds it saves.
   */
  coalesceMs: number;
  /**
   * Most bytes (keys, values, headers) in one produce request. After an
   * outage the outboxes hold far more than the broker takes in one request
   * (message.max.bytes, 1 MiB by default): one oversized request is refused
   * as MESSAGE_TOO_LARGE, and kafkajs's idempotent producer then fails every
   * later send with OUT_OF_ORDER_SEQUENCE_NUMBER.
   */
  maxRequestBytes: number;
}

const DEFAULTS: RelayOptions = {
  batchDocuments: 500,
  pollIntervalMs: 200,
  maxBackoffMs: 5_000,
  coalesceMs: 50,
  maxRequestBytes: 256 * 1024,
};

/**
 * Publishes events from aggregate outboxes to Kafka, then removes them.
 *
 * Publish happens before removal, so a crash in between republishes (a
 * duplicate that idempotent consumers absorb), never loses. Each document's
 * entries go out in order in one batch with acks from all in-sync replicas and
 * an idempotent producer, so one aggregate's events keep their order.
 */
export class OutboxRelay {
  private readonly options: RelayOptions;
  private running = false;
  private wake: (() => void) | undefined;
  /** Set by notify(); a wake-up that arrives while a round is running must not be lost. */
  private notified = false;
  private loop: Promise<void> | undefined;
  private consecutiveFailures = 0;

  constructor(
    private readonly stores: OutboxStore[],
    private readonly producer: Producer,
    private readonly logger: LoggerService,
    options: Partial<RelayOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Called after a local write so the event goes out without waiting for the next poll. */
  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  /** Healthy unless publishing has failed for several rounds in a row. */
  get healthy(): boolean {
    return this.consecutiveFailures < 5;
  }

  /** Publishes everything pending now; used by tests and benchmarks. */
  async drainOnce(): Promise<number> {
    let total = 0;
    for (const store of this.stores) total += await this.relay(store);
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed: number;
      try {
        relayed = await this.drainOnce();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.logger.warn(
          { msg: 'outbox relay round failed; will retry', error, failures: this.consecutiveFailures },
          'OutboxRelay',
        );
        await this.sleep(Math.min(this.options.maxBackoffMs, 100 * 2 ** this.consecutiveFailures));
        continue;
      }
      if (relayed === 0) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async relay(store: OutboxStore): Promise<number> {
    const pending = await store.findPending(this.options.batchDocuments);
    let relayed = 0;
    // Documents are removed as soon as all their entries are out, so a failure later in the round republishes
    // as little as possible. Parts go one after the other, which keeps each aggregate's events in order.
    for (const documents of inChunks(
      pending,
      (document) => entriesBytes(document.entries),
      this.options.maxRequestBytes,
    )) {
      const entries = documents.flatMap((document) => document.entries);
      for (const part of inChunks(entries, entryBytes, this.options.maxRequestBytes)) {
        await this.publish(part);
      }
      await store.removePublished(documents);
      relayed += entries.length;
    }
    return relayed;
  }

  /**
   * One produce request, with a PRODUCER span per message between the request
   * that wrote the event and the consumers: each message carries its span's
   * traceparent instead of the stored one.
   */
  private async publish(entries: OutboxEntry[]): Promise<void> {
    const spans = entries.map((entry) => startProducerSpan(entry.topic, entry.traceparent));
    try {
      await this.producer.sendBatch({ topicMessages: toTopicMessages(entries, spans), acks: -1 });
    } catch (error) {
      endProducerSpans(spans, error);
      throw error;
    }
    endProducerSpans(spans);
  }

  /** Sleeps `ms`, or only `coalesceMs` once notify() has been called (before or during the sleep). */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.notified = false;
        resolve();
      };
      const shorten = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        timer = setTimeout(finish, this.running ? this.options.coalesceMs : 0);
      };
      timer = setTimeout(finish, ms);
      this.wake = shorten;
      if (this.notified) shorten();
    });
  }
}

function toTopicMessages(entries: OutboxEntry[], spans: readonly ProducerSpan[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const [index, entry] of entries.entries()) {
    const group = byTopic.get(entry.topic) ?? { topic: entry.topic, messages: [] };
    const traceparent = spans[index]?.traceparent;
    group.messages.push({
      key: entry.key,
      value: entry.value,
      headers: traceparent ? { [HEADERS.traceparent]: traceparent } : {},
    });
    byTopic.set(entry.topic, group);
  }
  return [...byTopic.values()];
}

/** Header name plus a W3C traceparent (version, trace id, span id, flags: 55 characters). */
const TRACEPARENT_HEADER_BYTES = HEADERS.traceparent.length + 55;

function entryBytes(entry: OutboxEntry): number {
  return (
    Buffer.byteLength(entry.key) +
    Buffer.byteLength(entry.value) +
    // The producer span's traceparent goes out even for an event stored without one.
    TRACEPARENT_HEADER_BYTES +
    entry.topic.length
  );
}

function entriesBytes(entries: OutboxEntry[]): number {
  return entries.reduce((sum, entry) => sum + entryBytes(entry), 0);
}

/** Consecutive runs of `items` of at most `maxBytes` each; an item larger than that goes alone. */
export function inChunks<T>(items: readonly T[], bytesOf: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = bytesOf(item);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
