import { Inject, Injectable } from '@nestjs/common';
import { type Connection } from 'mongoose';
import { type Admin, type Kafka } from 'kafkajs';
import { MONGO_CONNECTION, pingDatabase } from '@app/persistence';
import { KAFKA } from './platform.tokens';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

/** Something whose health decides readiness: a consumer, the outbox relay. */
export interface ReadinessSource {
  readonly name: string;
  readonly healthy: boolean;
}

/**
 * Ready means: MongoDB answers a ping, the Kafka cluster answers a metadata
 * request, and every registered part (the consumer, the relay) is healthy.
 * Kafka's answer is cached briefly so probes do not load the broker.
 */
@Injectable()
export class ReadinessService {
  private readonly sources: ReadinessSource[] = [];
  private admin: Admin | undefined;
  private kafkaCheckedAt = 0;
  private kafkaOk = false;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  register(source: ReadinessSource): void {
    this.sources.push(source);
  }

  async report(): Promise<ReadinessReport> {
    const [mongo, kafka] = await Promise.all([pingDatabase(this.connection), this.kafkaReachable()]);
    const checks: Record<string, boolean> = { mongo, kafka };
    for (const source of this.sources) checks[source.name] = source.healthy;
    return { ready: Object.values(checks).every(Boolean), checks };
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async kafkaReachable(): Promise<boolean> {
    if (Date.now() - this.kafkaCheckedAt < 2_000) return this.kafkaOk;
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await this.admin.connect();
      }
      const cluster = await withTimeout(this.admin.describeCluster(), 2_000);
      this.kafkaOk = cluster.brokers.length > 0;
    } catch {
      this.kafkaOk = false;
    }
    this.kafkaCheckedAt = Date.now();
    return this.kafkaOk;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
