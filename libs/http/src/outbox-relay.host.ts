import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Producer } from 'kafkajs';
import { type OutboxStore } from '@app/persistence';
import { OutboxRelay } from '@app/messaging';
import { EVENT_PRODUCER, OUTBOX_STORES } from './platform.tokens';
import { ReadinessService } from './readiness.service';

/** Runs the outbox relay for the app's stores while the app is up. */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(@Inject(OUTBOX_STORES) stores: OutboxStore[], @Inject(EVENT_PRODUCER) producer: Producer, readiness: ReadinessService) {
    this.relay = new OutboxRelay(stores, producer, new Logger(OutboxRelay.name));
    const relay = this.relay;
    readiness.register({ name: 'outboxRelay', get healthy() { return relay.healthy; } });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Wakes the relay right after a local write, for low latency. */
  notify(): void {
    this.relay.notify();
  }
}
