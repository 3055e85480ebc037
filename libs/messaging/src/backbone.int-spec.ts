import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { type Kafka, type Producer } from 'kafkajs';
import {
  CaseOpenedV1,
  CaseRoutingUpdatedV1,
  deadLetterTopic,
  type EnvelopeOf,
  type Routing,
  uuidv7,
} from '@app/contracts';
import { applyOnce, assertTestDatabase, MongooseOutboxStore, type OutboxEntry, withOutbox } from '@app/persistence';
import { JsonLogger } from '@app/observability';
import { kafkaBrokers, mongoUri, waitFor } from '@app/testing';
import {
  buildEvent,
  createKafka,
  ensureTopics,
  HEADERS,
  headerValue,
  OnEvent,
  OutboxRelay,
  ReliableKafkaServer,
  replayDeadLetters,
  REPLAYED_BY_DEFAULT,
  replayGroupId,
} from './index';

interface CaseDoc {
  _id: string;
  version: number;
  routing: Routing;
  outbox: OutboxEntry[];
}
interface SeenDoc {
  _id: string;
  lastSequence: number;
  received: Record<string, number>;
  sequences: number[];
  regionCode: string;
}

const logger = new JsonLogger('backbone-test', 'error');
const run = uuidv7().slice(-12);
const failingAggregates = new Set<string>();
let seen: Model<SeenDoc>;

/** One handler call, in the order the consumer made them: where the message sat and what became of it. */
interface Delivery {
  aggregateId: string;
  partition: number;
  offset: bigint;
  outcome: 'failed' | 'applied';
}
const deliveries: Delivery[] = [];

@Controller()
class ProjectionController {
  @OnEvent(CaseOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof CaseOpenedV1>, @Ctx() kafka: KafkaContext): Promise<void> {
    await this.apply(CaseOpenedV1.topic, event.aggregateId, event.sequence, event.data.routing.regionCode, kafka);
  }

  @OnEvent(CaseRoutingUpdatedV1)
  async updated(@Payload() event: EnvelopeOf<typeof CaseRoutingUpdatedV1>, @Ctx() kafka: KafkaContext): Promise<void> {
    await this.apply(
      CaseRoutingUpdatedV1.topic,
      event.aggregateId,
      event.sequence,
      event.data.routing.regionCode,
      kafka,
    );
  }

  private async apply(
    topic: string,
    aggregateId: string,
    sequence: number,
    regionCode: string,
    kafka: KafkaContext,
  ): Promise<void> {
    const position = { aggregateId, partition: kafka.getPartition(), offset: BigInt(kafka.getMessage().offset) };
    if (failingAggregates.has(aggregateId)) {
      deliveries.push({ ...position, outcome: 'failed' });
      throw new Error('simulated handler failure');
    }
    await applyOnce(
      seen,
      { aggregateId, sequence, topic },
      { state: { regionCode }, onReceipt: { $push: { sequences: sequence } } },
    );
    deliveries.push({ ...position, outcome: 'applied' });
  }
}

@Module({ controllers: [ProjectionController] })
class ProjectionModule {}

const routing = (regionCode: string): Routing => ({
  country: 'MX',
  regionCode,
  needs: ['legal:asylum_mx'],
  urgency: 'routine',
  languages: ['es'],
});
const origin = { producer: 'intake', correlationId: `corr-${run}` };
const PARTITIONS = 3;
/** Any partition of the topic would do; naming one lets the test put messages behind each other. */
const SHARED_PARTITION = 2;

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
    cases = connection.model<CaseDoc>(
      'Case',
      withOutbox(new Schema<CaseDoc>({ _id: String, version: Number, routing: Object })),
    );
    seen = connection.model<SeenDoc>(
      'Seen',
      new Schema<SeenDoc>({
        _id: String,
        lastSequence: Number,
        received: Object,
        sequences: [Number],
        regionCode: String,
      }),
    );
    kafka = createKafka(`backbone-test-${run}`, kafkaBrokers(), logger);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    relay = new OutboxRelay(
      [new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>)],
      producer,
      logger,
      { pollIntervalMs: 50 },
    );
    const topics = [CaseOpenedV1.topic, CaseRoutingUpdatedV1.topic];
    await ensureTopics(kafka, [...topics, ...topics.map(deadLetterTopic)], {
      partitions: PARTITIONS,
      replicationFactor: 1,
    });
    // Reading from the beginning has its own test (new-group-reads-from-beginning).
    const projectionGroup = `projection-${run}`;
    await commitGroupAtEnd(kafka, projectionGroup, topics);

    consumerApp = await NestFactory.createMicroservice(ProjectionModule, {
      logger,
      strategy: new ReliableKafkaServer({
        kafka: {
          client: { clientId: `projection-${run}`, brokers: kafkaBrokers() },
          consumer: { groupId: projectionGroup },
          // Nest appends "-server" to the group id unless told otherwise; the group must be the one positioned above.
          postfixId: '',
          run: { partitionsConsumedConcurrently: PARTITIONS },
        },
        retry: { maxAttempts: 3, baseDelayMs: 50 },
        topics: { partitions: PARTITIONS, replicationFactor: 1 },
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
    await cases.create({
      _id: id,
      version: 1,
      routing: routing(region),
      outbox: [buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_a', routing: routing(region) }, origin)],
    });
    relay.notify();
  }

  function caseOpened(id: string): OutboxEntry {
    return buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_a', routing: routing('MX-OAX') }, origin);
  }

  async function updateRouting(id: string, version: number, region: string): Promise<void> {
    const event = buildEvent(
      CaseRoutingUpdatedV1,
      id,
      version + 1,
      { caseId: id, ownerOrgId: 'org_a', routing: routing(region) },
      origin,
    );
    const result = await cases.updateOne(
      { _id: id, version },
      { $set: { version: version + 1, routing: routing(region) }, $push: { outbox: event } },
    );
    expect(result.modifiedCount).toBe(1);
    relay.notify();
  }

  it('delivers every outbox event to a projection exactly once and keeps the newest state', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}-${run}`);
    for (const id of ids) await openCase(id, 'MX-CHP');
    for (const id of ids)
      for (let version = 1; version <= 4; version += 1)
        await updateRouting(id, version, `MX-B${String.fromCharCode(65 + version)}`);

    // Opened and routing events travel on different topics, so an update can be applied before the case's opened event arrives:
    // wait for all five receipts, not only the newest state.
    const complete = { _id: { $in: ids }, lastSequence: 5, 'sequences.4': { $exists: true } };
    await waitFor(
      'all events projected',
      async () => (await seen.countDocuments(complete)) === ids.length || undefined,
    );
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
    const behind = [`behind-a-${run}`, `behind-b-${run}`];
    failingAggregates.add(poison);
    const dlq = deadLetterTopic(CaseOpenedV1.topic);
    const dlqReader = await readerFromNow(kafka, dlq);
    // The replay below is to move this test's dead letters only (replay.ts names its group dlq-replay.<topic>).
    await commitGroupAtEnd(kafka, `dlq-replay.${CaseOpenedV1.topic}`, [dlq]);
    // Keyed by aggregate id these would spread over the partitions, and a
    // message elsewhere would be processed even if the poison blocked its own
    // partition. One send to one named partition queues them in this order.
    const messages = [poison, ...behind].map((id) => ({
      partition: SHARED_PARTITION,
      key: id,
      value: caseOpened(id).value,
    }));
    await producer.send({ topic: CaseOpenedV1.topic, acks: -1, messages });

    await waitFor(
      'messages behind the poison applied',
      () => behind.every((id) => deliveriesOf(id).some((d) => d.outcome === 'applied')) || undefined,
    );
    const ours = deliveries.filter((d) => d.aggregateId === poison || behind.includes(d.aggregateId));
    // The partition is consumed one message at a time: the poison's three attempts, then what queued behind it.
    expect(ours.map((d) => `${d.aggregateId} ${d.outcome}`)).toEqual([
      `${poison} failed`,
      `${poison} failed`,
      `${poison} failed`,
      `${behind[0]} applied`,
      `${behind[1]} applied`,
    ]);
    expect(ours.every((d) => d.partition === SHARED_PARTITION)).toBe(true);
    const poisonOffset = ours[0]!.offset;
    expect(ours.slice(0, 3).every((d) => d.offset === poisonOffset)).toBe(true);
    expect(ours[3]!.offset).toBeGreaterThan(poisonOffset);
    expect(ours[4]!.offset).toBeGreaterThan(ours[3]!.offset);

    const letters = await readTopic(kafka, dlqReader, dlq, (key) => key === poison);
    expect(letters).toEqual([
      expect.objectContaining({
        reason: 'HANDLER_FAILED',
        originalTopic: CaseOpenedV1.topic,
        originalPartition: String(SHARED_PARTITION),
        originalOffset: String(poisonOffset),
        attempts: '3',
      }),
    ]);

    failingAggregates.delete(poison);
    const result = await replayDeadLetters(kafka, CaseOpenedV1.topic);
    expect(result.replayed).toBeGreaterThanOrEqual(1);
    await waitFor('poison applied after replay', async () =>
      (await seen.findById(poison).lean())?.lastSequence === 1 ? true : undefined,
    );
    expect(deliveriesOf(poison).filter((d) => d.outcome === 'applied')).toHaveLength(1);
  }, 60_000);

  it('dead-letters a message that breaks its contract with the reason, and keeps going', async () => {
    const key = `invalid-${run}`;
    const dlqReader = await readerFromNow(kafka, deadLetterTopic(CaseOpenedV1.topic));
    await producer.send({
      topic: CaseOpenedV1.topic,
      messages: [{ key, value: JSON.stringify({ eventId: 'nope', data: { name: 'should never be here' } }) }],
    });
    await producer.send({ topic: CaseOpenedV1.topic, messages: [{ key, value: '{not json' }] });
    const letters = await readTopic(kafka, dlqReader, deadLetterTopic(CaseOpenedV1.topic), (k) => k === key, 2);
    expect(letters.map((l) => l.reason).sort()).toEqual(['MALFORMED_JSON', 'SCHEMA_INVALID']);
    const invalid = letters.find((l) => l.reason === 'SCHEMA_INVALID');
    expect(invalid?.detail).toContain('eventId');
    expect(invalid?.detail).not.toContain('should never be here');
  }, 60_000);

  it('replays only letters whose cause can be fixed outside the message, unless told which', async () => {
    const topic = CaseOpenedV1.topic;
    const dlq = deadLetterTopic(topic);
    const keys = {
      poison: `again-poison-${run}`,
      invalid: `again-invalid-${run}`,
      malformed: `again-malformed-${run}`,
    };
    const ours = new Set<string>(Object.values(keys));
    // Both replays below are to see this test's letters only.
    await commitGroupAtEnd(kafka, replayGroupId(topic, REPLAYED_BY_DEFAULT), [dlq]);
    await commitGroupAtEnd(kafka, replayGroupId(topic, ['SCHEMA_INVALID']), [dlq]);
    const dlqReader = await readerFromNow(kafka, dlq);
    failingAggregates.add(keys.poison);
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: keys.poison, value: caseOpened(keys.poison).value },
        { key: keys.invalid, value: JSON.stringify({ eventId: 'nope' }) },
        { key: keys.malformed, value: '{not json' },
      ],
    });
    const letters = await readTopic(kafka, dlqReader, dlq, (key) => ours.has(key), 3);
    expect(letters.map((l) => `${l.key} ${l.reason}`).sort()).toEqual(
      [`${keys.invalid} SCHEMA_INVALID`, `${keys.malformed} MALFORMED_JSON`, `${keys.poison} HANDLER_FAILED`].sort(),
    );
    failingAggregates.delete(keys.poison);

    // What a replay sends is what the topic grows by; the other tests of this file do not write to it meanwhile.
    const before = await messagesIn(kafka, topic);
    expect(await replayDeadLetters(kafka, topic)).toEqual({
      topic,
      replayed: 1,
      skipped: { MALFORMED_JSON: 1, SCHEMA_INVALID: 1 },
    });
    expect(await messagesIn(kafka, topic)).toBe(before + 1);
    await waitFor('poison applied after replay', async () =>
      (await seen.findById(keys.poison).lean())?.lastSequence === 1 ? true : undefined,
    );

    // The skipped letters are not offered again to the same choice of reasons...
    expect(await replayDeadLetters(kafka, topic)).toEqual({ topic, replayed: 0, skipped: {} });
    // ...but are there for a replay that asks for them (once the consumer's contract is what was fixed).
    expect(await replayDeadLetters(kafka, topic, { reasons: ['SCHEMA_INVALID'] })).toEqual({
      topic,
      replayed: 1,
      skipped: { HANDLER_FAILED: 1, MALFORMED_JSON: 1 },
    });
    expect(await messagesIn(kafka, topic)).toBe(before + 2);
  }, 60_000);
});

/** How many messages a topic has ever held: the sum of its partitions' end offsets. */
async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + Number(high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits a group's offsets at the current end of each topic, so it sees only
 * what comes next. The test broker outlives runs and its topics hold earlier
 * runs' invalid messages: a group reading them again would dead-letter them
 * again, and replaying the dead-letter topic would put them back, doubling
 * them on every run.
 */
async function commitGroupAtEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** A consumer group for `topic` that will read only what is written from now on. */
async function readerFromNow(kafka: Kafka, topic: string): Promise<string> {
  const groupId = `reader-${uuidv7()}`;
  await commitGroupAtEnd(kafka, groupId, [topic]);
  return groupId;
}

function deliveriesOf(aggregateId: string): Delivery[] {
  return deliveries.filter((d) => d.aggregateId === aggregateId);
}

async function readTopic(
  kafka: Kafka,
  groupId: string,
  topic: string,
  keep: (key: string) => boolean,
  expected = 1,
): Promise<Record<string, string | undefined>[]> {
  const consumer = kafka.consumer({ groupId });
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
        originalPartition: headerValue(message.headers, HEADERS.dlqOriginalPartition),
        originalOffset: headerValue(message.headers, HEADERS.dlqOriginalOffset),
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
