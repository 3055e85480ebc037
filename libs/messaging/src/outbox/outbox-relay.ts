import { type LoggerService } from '@nestjs/common';
import { type Producer, type TopicMessages } from 'kafkajs';
import { type OutboxStore, type PendingEvents } from '@app/persistence';
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
}

const DEFAULTS: RelayOptions = { batchDocuments: 500, pollIntervalMs: 200, maxBackoffMs: 5_000, coalesceMs: 50 };

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
        this.logger.warn({ msg: 'outbox relay round failed; will retry', error, failures: this.consecutiveFailures }, 'OutboxRelay');
        await this.sleep(Math.min(this.options.maxBackoffMs, 100 * 2 ** this.consecutiveFailures));
        continue;
      }
      if (relayed === 0) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async relay(store: OutboxStore): Promise<number> {
    const pending = await store.findPending(this.options.batchDocuments);
    if (pending.length === 0) return 0;
    await this.producer.sendBatch({ topicMessages: toTopicMessages(pending), acks: -1 });
    await store.removePublished(pending);
    return pending.reduce((sum, document) => sum + document.entries.length, 0);
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

function toTopicMessages(pending: PendingEvents[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { entries } of pending) {
    for (const entry of entries) {
      const group = byTopic.get(entry.topic) ?? { topic: entry.topic, messages: [] };
      group.messages.push({
        key: entry.key,
        value: entry.value,
        headers: entry.traceparent ? { [HEADERS.traceparent]: entry.traceparent } : {},
      });
      byTopic.set(entry.topic, group);
    }
  }
  return [...byTopic.values()];
}
