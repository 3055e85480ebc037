import { Kafka, type KafkaConfig } from 'kafkajs';
import { CaseErasedV1, CaseOpenedV2, CasePurgedV1, deadLetterTopic, topicSpecsOf } from '@app/contracts';
import { jsonLogger } from '@app/observability';
import { kafkaSasl, testKafkaConfig, type KafkaPrincipal } from '@app/testing';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './ensure-topics';

const logger = jsonLogger('broker-auth-int', 'error');
const message = { key: 'case_auth_test', value: '{}' };

/** A client that gives up at once: a refusal must surface as the broker's error, not as a retry loop. */
function client(principal: KafkaPrincipal): KafkaConfig {
  return { ...testKafkaConfig(`broker-auth-${principal}`, principal), retry: { retries: 0 } };
}

async function produceAs(principal: KafkaPrincipal, topic: string): Promise<void> {
  const producer = new Kafka(client(principal)).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [message] });
  } finally {
    await producer.disconnect();
  }
}

/**
 * The local broker (deploy/local/infra.sh) takes only authenticated clients,
 * and each service's principal may write only its own topics (service-acls.ts).
 * Only against that broker: one named by KAFKA_BROKERS has ACLs of its own.
 */
const ownBroker = kafkaSasl('intake') !== undefined;
(ownBroker ? describe : describe.skip)('the broker authenticates and authorizes (real Kafka)', () => {
  beforeAll(async () => {
    await ensureTopics(
      createKafka('broker-auth-setup', testKafkaConfig('x').brokers as string[], logger, kafkaSasl('admin')),
      [CaseErasedV1, CaseOpenedV2, CasePurgedV1].flatMap(topicSpecsOf),
      { partitions: 1, replicationFactor: 1 },
    );
  }, 60_000);

  it('refuses a client without credentials', async () => {
    const { sasl: _none, ...anonymous } = client('admin');
    const admin = new Kafka({ ...anonymous, connectionTimeout: 3_000 }).admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect();
  });

  it('refuses a client with a wrong password', async () => {
    const sasl = { mechanism: 'scram-sha-512' as const, username: 'intake', password: 'not-the-password' };
    const admin = new Kafka({ ...client('intake'), sasl }).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await admin.disconnect();
  });

  it("lets each service write its own topics and refuses another service's", async () => {
    await expect(produceAs('intake', CaseErasedV1.topic)).resolves.toBeUndefined();
    await expect(produceAs('legal-status', CasePurgedV1.topic)).resolves.toBeUndefined();
    // A forged erasure from a purging service, a forged purge confirmation from intake.
    await expect(produceAs('legal-status', CaseErasedV1.topic)).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
    await expect(produceAs('intake', CasePurgedV1.topic)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('lets a consumer write the dead-letter topic of what it consumes, and no other', async () => {
    await expect(produceAs('notifications', deadLetterTopic(CaseOpenedV2.topic))).resolves.toBeUndefined();
    await expect(produceAs('notifications', deadLetterTopic(CasePurgedV1.topic))).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it("refuses a service reading through another service's consumer group", async () => {
    const consumer = new Kafka(client('legal-status')).consumer({ groupId: 'intake', retry: { retries: 0 } });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [CaseOpenedV2.topic] });
      const crashed = new Promise<unknown>((resolve) =>
        consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload.error)),
      );
      await consumer.run({ eachMessage: () => Promise.resolve() }).catch((error: unknown) => error);
      // The broker refuses to describe the group, which kafkajs reports as "group coordinator not found".
      await expect(crashed).resolves.toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
    } finally {
      await consumer.disconnect();
    }
  }, 30_000);
});
