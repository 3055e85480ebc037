import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { type Kafka, type Producer } from 'kafkajs';
import { CaseOpenedV1, CaseRoutingUpdatedV1, deadLetterTopic, type EnvelopeOf, type Routing, uuidv7 } from '@app/contracts';
import { applyOnce, assertTestDatabase, MongooseOutboxStore, type OutboxEntry, withOutbox } from '@app/persistence';
import { JsonLogger } from '@app/observability';
import { kafkaBrokers, mongoUri, waitFor } from '@app/testing';
import { buildEvent, createKafka, HEADERS, headerValue, OnEvent, OutboxRelay, ReliableKafkaServer, replayDeadLetters } from './index';

interface CaseDoc { _id: string; version: number; routing: Routing; outbox: OutboxEntry[] }
interface SeenDoc { _id: string; lastSequence: number; received: Record<string, number>; sequences: number[]; regionCode: string }

const logger = new JsonLogger('backbone-test', 'error');
const run = uuidv7().slice(-12);
const failingAggregates = new Set<string>();
let seen: Model<SeenDoc>;

@Controller()
class ProjectionController {
  @OnEvent(CaseOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof CaseOpenedV1>): Promise<void> {
    await this.apply(CaseOpenedV1.topic, event.aggregateId, event.sequence, event.data.routing.regionCode);
  }

  @OnEvent(CaseRoutingUpdatedV1)
  async updated(@Payload() event: EnvelopeOf<typeof CaseRoutingUpdatedV1>): Promise<void> {
    await this.apply(CaseRoutingUpdatedV1.topic, event.aggregateId, event.sequence, event.data.routing.regionCode);
  }

  private async apply(topic: string, aggregateId: string, sequence: number, regionCode: string): Promise<void> {
    if (failingAggregates.has(aggregateId)) throw new Error('simulated handler failure');
    await applyOnce(seen, { aggregateId, sequence, topic }, { state: { regionCode }, onReceipt: { $push: { sequences: sequence } } });
  }
}

@Module({ controllers: [ProjectionController] })
class ProjectionModule {}

const routing = (regionCode: string): Routing => ({ country: 'MX', regionCode, needs: ['legal:asylum_mx'], urgency: 'routine', languages: ['es'] });
const origin = { producer: 'intake', correlationId: `corr-${run}` };

describe('event backbone (real Kafka and MongoDB)', () => {
  let connection: Connection;
  let cases: Model<CaseDoc>;
  let kafka: Kafka;
  let producer: Producer;
  let relay: OutboxRelay;
  let consumerApp: INestMicroservice;
  const database = `backbone_test_${run}`;

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    cases = connection.model<CaseDoc>('Case', withOutbox(new Schema<CaseDoc>({ _id: String, version: Number, routing: Object })));
    seen = connection.model<SeenDoc>('Seen', new Schema<SeenDoc>({ _id: String, lastSequence: Number, received: Object, sequences: [Number], regionCode: String }));
    kafka = createKafka(`backbone-test-${run}`, kafkaBrokers(), logger);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    relay = new OutboxRelay([new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>)], producer, logger, { pollIntervalMs: 50 });

    consumerApp = await NestFactory.createMicroservice(ProjectionModule, {
      logger,
      strategy: new ReliableKafkaServer({
        kafka: { client: { clientId: `projection-${run}`, brokers: kafkaBrokers() }, consumer: { groupId: `projection-${run}` }, run: { partitionsConsumedConcurrently: 3 } },
        retry: { maxAttempts: 3, baseDelayMs: 50 },
        topics: { partitions: 3, replicationFactor: 1 },
        onFatal: () => undefined,
        logger,
      }),
    });
    await consumerApp.listen();
    relay.start();
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await consumerApp?.close();
    await producer?.disconnect();
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  }, 60_000);

  async function openCase(id: string, region: string): Promise<void> {
    await cases.create({ _id: id, version: 1, routing: routing(region), outbox: [buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_a', routing: routing(region) }, origin)] });
    relay.notify();
  }

  async function updateRouting(id: string, version: number, region: string): Promise<void> {
    const event = buildEvent(CaseRoutingUpdatedV1, id, version + 1, { caseId: id, ownerOrgId: 'org_a', routing: routing(region) }, origin);
    const result = await cases.updateOne({ _id: id, version }, { $set: { version: version + 1, routing: routing(region) }, $push: { outbox: event } });
    expect(result.modifiedCount).toBe(1);
    relay.notify();
  }

  it('delivers every outbox event to a projection exactly once and keeps the newest state', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}-${run}`);
    for (const id of ids) await openCase(id, 'MX-CHP');
    for (const id of ids) for (let version = 1; version <= 4; version += 1) await updateRouting(id, version, `MX-B${String.fromCharCode(65 + version)}`);

    await waitFor('all events projected', async () => (await seen.countDocuments({ _id: { $in: ids }, lastSequence: 5 })) === ids.length || undefined);
    const docs = await seen.find({ _id: { $in: ids } }).lean();
    for (const doc of docs) {
      // Each event received once; across topics arrival order may differ.
      expect([...doc.sequences].sort()).toEqual([1, 2, 3, 4, 5]);
      expect(doc.regionCode).toBe('MX-BE');
    }
    expect(await cases.countDocuments({ _id: { $in: ids }, 'outbox.0': { $exists: true } })).toBe(0);
  }, 60_000);

  it('dead-letters a poison message after bounded retries without blocking its partition, and replays it', async () => {
    const poison = `poison-${run}`;
    failingAggregates.add(poison);
    await openCase(poison, 'MX-CHP');
    // Same key, same partition, queued behind the poison message.
    const behind = `behind-${run}`;
    const sameKeyEvent = buildEvent(CaseRoutingUpdatedV1, poison, 2, { caseId: poison, ownerOrgId: 'org_a', routing: routing('MX-OAX') }, origin);
    await cases.updateOne({ _id: poison }, { $push: { outbox: sameKeyEvent } });
    await openCase(behind, 'MX-OAX');

    await waitFor('message behind the poison processed', async () => (await seen.exists({ _id: behind })) ?? undefined);
    const letters = await readTopic(kafka, deadLetterTopic(CaseOpenedV1.topic), (key) => key === poison);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ reason: 'HANDLER_FAILED', originalTopic: CaseOpenedV1.topic, attempts: '3' });

    failingAggregates.delete(poison);
    const result = await replayDeadLetters(kafka, CaseOpenedV1.topic);
    expect(result.replayed).toBeGreaterThanOrEqual(1);
    // The routing update (sequence 2) also failed and was dead-lettered; once it is replayed too the projection holds the latest state.
    await replayDeadLetters(kafka, CaseRoutingUpdatedV1.topic);
    await waitFor('poison applied after replay', async () => ((await seen.findById(poison).lean())?.lastSequence === 2 ? true : undefined));
  }, 60_000);

  it('dead-letters a message that breaks its contract with the reason, and keeps going', async () => {
    const key = `invalid-${run}`;
    await producer.send({ topic: CaseOpenedV1.topic, messages: [{ key, value: JSON.stringify({ eventId: 'nope', data: { name: 'should never be here' } }) }] });
    await producer.send({ topic: CaseOpenedV1.topic, messages: [{ key, value: '{not json' }] });
    const letters = await readTopic(kafka, deadLetterTopic(CaseOpenedV1.topic), (k) => k === key, 2);
    expect(letters.map((l) => l.reason).sort()).toEqual(['MALFORMED_JSON', 'SCHEMA_INVALID']);
    const invalid = letters.find((l) => l.reason === 'SCHEMA_INVALID');
    expect(invalid?.detail).toContain('eventId');
    expect(invalid?.detail).not.toContain('should never be here');
  }, 60_000);
});

async function readTopic(kafka: Kafka, topic: string, keep: (key: string) => boolean, expected = 1): Promise<Record<string, string | undefined>[]> {
  const consumer = kafka.consumer({ groupId: `reader-${uuidv7()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const found: Record<string, string | undefined>[] = [];
  await consumer.run({
    eachMessage: ({ message }) => {
      const key = message.key?.toString() ?? '';
      if (!keep(key)) return Promise.resolve();
      found.push({
        key,
        reason: headerValue(message.headers, HEADERS.dlqReason),
        detail: headerValue(message.headers, HEADERS.dlqDetail),
        originalTopic: headerValue(message.headers, HEADERS.dlqOriginalTopic),
        attempts: headerValue(message.headers, HEADERS.dlqAttempts),
      });
      return Promise.resolve();
    },
  });
  try {
    await waitFor(`${expected} message(s) on ${topic}`, () => found.length >= expected || undefined, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return found;
}
