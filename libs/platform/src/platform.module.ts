import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type Connection } from 'mongoose';
import { type Kafka, type Producer } from 'kafkajs';
import { MONGO_CONNECTION, openConnection } from '@app/persistence';
import { OUTBOX_NOTIFIER, OutboxSignal, createKafka, kafkaSaslOf } from '@app/messaging';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@app/auth';
import { EVENT_PRODUCER, KAFKA, SERVICE_CONFIG } from './platform.tokens';
import { type ServiceConfig } from './service-config';
import { authOptionsFrom } from './auth-options-from-config';
import { ReadinessService } from './readiness.service';
import { HealthController } from './health.controller';

/**
 * What every service shares: configuration, its MongoDB connection, Kafka and
 * an idempotent producer, the outbox wake-up signal, authentication, and
 * /health + /ready (terminus).
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(EVENT_PRODUCER) private readonly producer: Producer,
    private readonly readiness: ReadinessService,
  ) {}

  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        // Throws, before anything connects or listens, on issuers production must not trust.
        AuthModule.forRoot(authOptionsFrom(config)),
        // No terminus log line per failed probe: not ready is a state probes poll (a starting broker,
        // a shutdown), and its error messages are the drivers'; /ready's answer says which check failed.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: MONGO_CONNECTION, useFactory: () => openConnection(config.MONGODB_URI) },
        {
          provide: KAFKA,
          // No context of its own: kafkaLogCreator names each line `kafkajs`, and a second context would become
          // the line's message.
          useFactory: () => createKafka(config.serviceName, config.KAFKA_BROKERS, new Logger(), kafkaSaslOf(config)),
        },
        {
          provide: EVENT_PRODUCER,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const producer = kafka.producer({ idempotent: true });
            await producer.connect();
            return producer;
          },
        },
        { provide: OUTBOX_NOTIFIER, useValue: new OutboxSignal() },
        ReadinessService,
      ],
      exports: [SERVICE_CONFIG, MONGO_CONNECTION, KAFKA, EVENT_PRODUCER, OUTBOX_NOTIFIER, ReadinessService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readiness.close();
    await this.producer.disconnect();
    await this.connection.close();
  }
}
