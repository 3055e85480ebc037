import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
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

/** A dependency that does not answer within this time counts as down. */
const CHECK_TIMEOUT_MS = 2_000;
/** Kafka's answer is reused this long, so that probes do not load the broker. */
const KAFKA_CACHE_MS = 2_000;

/**
 * Ready means: MongoDB answers a ping, the Kafka cluster answers a metadata
 * request, and every registered part (the consumer, the relay) is healthy.
 * terminus runs the checks (each a health indicator) and answers not ready
 * from the moment the app starts shutting down.
 */
@Injectable()
export class ReadinessService {
  private readonly sources: ReadinessSource[] = [];
  private admin: Admin | undefined;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  register(source: ReadinessSource): void {
    this.sources.push(source);
  }

  async report(): Promise<ReadinessReport> {
    const names = ['mongo', 'kafka', ...this.sources.map((source) => source.name)];
    const result = await this.health.check(this.checks()).catch((error: unknown) => {
      // terminus reports a failed (or shutting-down) check as a 503 exception carrying the result.
      const response = error instanceof ServiceUnavailableException ? error.getResponse() : undefined;
      if (isHealthCheckResult(response)) return response;
      throw error;
    });
    const checks: Record<string, boolean> = {};
    for (const name of names) checks[name] = result.details[name]?.status === 'up';
    return { ready: result.status === 'ok', checks };
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  private checks(): HealthIndicatorFunction[] {
    return [
      this.indicators
        .check('mongo')
        .attempt(async () => {
          if (!(await pingDatabase(this.connection))) throw new Error('no answer to ping');
        })
        .withTimeout(CHECK_TIMEOUT_MS),
      this.indicators
        .check('kafka')
        .attempt(() => this.describeCluster())
        .withTimeout(CHECK_TIMEOUT_MS)
        .cacheFor(KAFKA_CACHE_MS),
      ...this.sources.map((source) => () => {
        const check = this.indicators.check(source.name);
        return source.healthy ? check.up() : check.down();
      }),
    ];
  }

  private async describeCluster(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const cluster = await this.admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no brokers');
  }
}

function isHealthCheckResult(value: unknown): value is HealthCheckResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'details' in value;
}
