import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { ConsentExpiredV1, topicSpecsOf, type EnvelopeOf, uuidv7 } from '@app/contracts';
import { type OutboxEntry } from '@app/persistence';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers, waitFor, kafkaSasl, testKafkaConfig } from '@app/testing';
import { ensureTopics } from '../kafka/ensure-topics';
import { createKafka } from '../kafka/kafka-factory';
import { buildEvent } from '../outbox/build-event';
import { OnEvent } from './on-event.decorator';
import { ReliableKafkaServer } from './reliable-kafka-server';

// A service deployed after events were published (a new projection, a
// rebuilt read model) joins with a consumer group that has no committed
// offsets. Kafka's default would start it at the end of each partition and it
// would never see those events; ReliableKafkaServer starts new groups at the
// beginning. The topic is one no service consumes, so these events reach no
// one else's projection.

const logger = jsonLogger('from-beginning-test', 'error');
const run = uuidv7().slice(-12);
const correlationId = `corr-${run}`;
const PARTITIONS = 3;
/** Ids of this run's events, in the order the consumer handled them; the topic also holds other runs' events. */
const received: string[] = [];

@Controller()
class ExpiryRecorder {
  @OnEvent(ConsentExpiredV1)
  record(@Payload() event: EnvelopeOf<typeof ConsentExpiredV1>): Promise<void> {
    if (event.correlationId === correlationId) received.push(event.eventId);
    return Promise.resolve();
  }
}

@Module({ controllers: [ExpiryRecorder] })
class RecorderModule {}

function consentExpired(caseId: string): OutboxEntry {
  const data = {
    caseId,
    consentId: `consent_${caseId}`,
    granteeOrgId: 'org_b',
    sections: ['legal' as const],
    expiredAt: new Date().toISOString(),
  };
  return buildEvent(ConsentExpiredV1, caseId, 1, data, { producer: 'intake', correlationId });
}

describe('a consumer in a new group (real Kafka)', () => {
  let consumerApp: INestMicroservice | undefined;

  afterAll(async () => {
    await consumerApp?.close();
  }, 60_000);

  it('receives every event published before the group existed, on every partition', async () => {
    const kafka = createKafka(`from-beginning-${run}`, kafkaBrokers(), logger, kafkaSasl());
    const topic = ConsentExpiredV1.topic;
    await ensureTopics(kafka, topicSpecsOf(ConsentExpiredV1), { partitions: PARTITIONS, replicationFactor: 1 });
    const events = Array.from({ length: 2 * PARTITIONS }, (_, index) => consentExpired(`case_${run}_${index}`));
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    try {
      // Named partitions, so every partition holds some of them whatever the keys hash to.
      const messages = events.map((event, index) => ({
        partition: index % PARTITIONS,
        key: event.key,
        value: event.value,
      }));
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }

    consumerApp = await NestFactory.createMicroservice(RecorderModule, {
      logger,
      strategy: new ReliableKafkaServer({
        kafka: {
          client: testKafkaConfig(`late-joiner-${run}`),
          consumer: { groupId: `late-joiner-${run}` },
        },
        retry: { maxAttempts: 3, baseDelayMs: 50 },
        topics: { partitions: PARTITIONS, replicationFactor: 1 },
        onFatal: () => undefined,
        logger,
      }),
    });
    await consumerApp.listen();

    await waitFor('the events published before the group existed', () => received.length >= events.length || undefined);
    expect([...received].sort()).toEqual(events.map((event) => event.eventId).sort());
  }, 60_000);
});
