import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Kafka, type Producer } from 'kafkajs';
import { CasePurgedV1, topicSpecsOf, type CaseErasedV1, type EnvelopeOf } from '@app/contracts';
import { buildEvent, ensureTopics, HEADERS } from '@app/messaging';
import { EVENT_PRODUCER, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@app/platform';

/**
 * Tells intake that this service purged an erased case. Sent straight to
 * Kafka, without an outbox: the purge is idempotent and the erased event's
 * offset is committed only after the handler returns, so a crash before the
 * send re-runs purge and send. Intake records each service's first
 * confirmation and ignores repeats.
 */
@Injectable()
export class PurgeConfirmations implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * The broker does not create topics, and this service may confirm before intake, which consumes the topic, has ever
   * started.
   */
  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, topicSpecsOf(CasePurgedV1), {
      partitions: this.config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
    });
  }

  async confirm(erased: EnvelopeOf<typeof CaseErasedV1>, purgedAt: Date): Promise<void> {
    const service = this.config.serviceName;
    // Same sequence as the erasure it answers: per case, a confirmation is
    // about that erasure and nothing later exists to order it against.
    const entry = buildEvent(
      CasePurgedV1,
      erased.aggregateId,
      erased.sequence,
      { caseId: erased.aggregateId, service, purgedAt: purgedAt.toISOString() },
      {
        producer: service,
        correlationId: erased.correlationId,
        causationId: erased.eventId,
      },
    );
    await this.producer.send({
      topic: entry.topic,
      acks: -1,
      messages: [
        {
          key: entry.key,
          value: entry.value,
          headers: entry.traceparent ? { [HEADERS.traceparent]: entry.traceparent } : {},
        },
      ],
    });
  }
}
