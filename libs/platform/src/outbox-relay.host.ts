import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka, type Producer } from 'kafkajs';
import { type OutboxStore } from '@app/persistence';
import { EVENT_CONTRACTS, topicSpecsOf } from '@app/contracts';
import { OUTBOX_NOTIFIER, OutboxRelay, OutboxSignal, ensureTopics } from '@app/messaging';
import { EVENT_PRODUCER, KAFKA, OUTBOX_STORES, SERVICE_CONFIG } from './platform.tokens';
import { ReadinessService } from './readiness.service';
import { type ServiceConfig } from './service-config';

/**
 * Runs the outbox relay for the app's stores while the app is up, woken by the
 * platform's OutboxSignal that use cases notify.
 */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;
  private readonly stopListening: () => void;

  constructor(
    @Inject(OUTBOX_STORES) stores: OutboxStore[],
    @Inject(EVENT_PRODUCER) producer: Producer,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(OUTBOX_NOTIFIER) signal: OutboxSignal,
    readiness: ReadinessService,
  ) {
    // No context of its own: the relay names each line, and a second context would become the line's message.
    this.relay = new OutboxRelay(stores, producer, new Logger());
    const relay = this.relay;
    this.stopListening = signal.listen(() => relay.notify());
    readiness.register({
      name: 'outboxRelay',
      get healthy() {
        return relay.healthy;
      },
    });
  }

  /**
   * The broker does not create topics on first use, and an event nobody
   * consumes yet (consent.revoked before any grantee service runs) must still
   * be published rather than stall the relay: every contract's topic, and its
   * dead-letter topic, exists before the first round.
   */
  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, EVENT_CONTRACTS.flatMap(topicSpecsOf), {
      partitions: this.config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening();
    await this.relay.stop();
  }
}
