import { type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { type Kafka, type Producer } from 'kafkajs';
import { deadLetterTopic, topicSpecsOf, uuidv7 } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../test/sample-events';
import { assertTestDatabase, MongooseOutboxStore, type OutboxEntry, withOutbox } from '@app/persistence';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers, mongoUri, waitFor, kafkaSasl, testKafkaConfig } from '@app/testing';
import {
  buildEvent,
  createKafka,
  ensureTopics,
  OutboxRelay,
  ReliableKafkaServer,
  replayDeadLetters,
  REPLAYED_BY_DEFAULT,
  replayGroupId,
} from './index';
import {
  type CaseDoc,
  deliveries,
  deliveriesOf,
  failingAggregates,
  PARTITIONS,
  ProjectionModule,
  type SeenDoc,
  SHARED_PARTITION,
  useSeen,
} from '../test/backbone/projection';
import { commitGroupAtEnd, messagesIn, readerFromNow } from '../test/backbone/group-offsets';
import { readTopic } from '../test/backbone/read-topic';

const logger = jsonLogger('backbone-test', 'error');
const run = uuidv7().slice(-12);
const origin = { producer: 'intake', correlationId: `corr-${run}` };

describe('event backbone (real Kafka and MongoDB)', () => {
  let connection: Connection;
  let cases: Model<CaseDoc>;
  let seen: Model<SeenDoc>;
  let kafka: Kafka;
  let producer: Producer;
  let relay: OutboxRelay;
  let consumerApp: INestMicroservice;
  const database = `backbone_test_${run}`;

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    cases = connection.model<CaseDoc>(
      'Case',
      withOutbox(new Schema<CaseDoc>({ _id: String, version: Number, regionCode: String })),
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
    useSeen(seen);
    kafka = createKafka(`backbone-test-${run}`, kafkaBrokers(), logger, kafkaSasl());
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    relay = new OutboxRelay(
      [new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>)],
      producer,
      logger,
      { pollIntervalMs: 50 },
    );
    const topics = [SampleOpenedV1.topic, SampleMovedV1.topic];
    await ensureTopics(kafka, [SampleOpenedV1, SampleMovedV1].flatMap(topicSpecsOf), {
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
          client: testKafkaConfig(`projection-${run}`),
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
      regionCode: region,
      outbox: [buildEvent(SampleOpenedV1, id, 1, { sampleId: id, ownerOrgId: 'org_a', regionCode: region }, origin)],
    });
    relay.notify();
  }

  function caseOpened(id: string): OutboxEntry {
    return buildEvent(SampleOpenedV1, id, 1, { sampleId: id, ownerOrgId: 'org_a', regionCode: 'MX-OAX' }, origin);
  }

  async function moveSample(id: string, version: number, region: string): Promise<void> {
    const event = buildEvent(
      SampleMovedV1,
      id,
      version + 1,
      { sampleId: id, ownerOrgId: 'org_a', regionCode: region },
      origin,
    );
    const result = await cases.updateOne(
      { _id: id, version },
      { $set: { version: version + 1, regionCode: region }, $push: { outbox: event } },
    );
    expect(result.modifiedCount).toBe(1);
    relay.notify();
  }

  it('delivers every outbox event to a projection exactly once and keeps the newest state', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `case_c${i}-${run}`);
    for (const id of ids) await openCase(id, 'MX-CHP');
    for (const id of ids)
      for (let version = 1; version <= 4; version += 1)
        await moveSample(id, version, `MX-B${String.fromCharCode(65 + version)}`);

    // Opened and moved events travel on different topics, so an update can be applied before the
    // case's opened event arrives: wait for all five receipts, not only the newest state.
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
    const poison = `case_poison-${run}`;
    const behind = [`case_behind-a-${run}`, `case_behind-b-${run}`];
    failingAggregates.add(poison);
    const dlq = deadLetterTopic(SampleOpenedV1.topic);
    const dlqReader = await readerFromNow(kafka, dlq);
    // The replay below is to move this test's dead letters only (replay.ts names its group dlq-replay.<topic>).
    await commitGroupAtEnd(kafka, `dlq-replay.${SampleOpenedV1.topic}`, [dlq]);
    // Keyed by aggregate id these would spread over the partitions, and a
    // message elsewhere would be processed even if the poison blocked its own
    // partition. One send to one named partition queues them in this order.
    const messages = [poison, ...behind].map((id) => ({
      partition: SHARED_PARTITION,
      key: id,
      value: caseOpened(id).value,
    }));
    await producer.send({ topic: SampleOpenedV1.topic, acks: -1, messages });

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
        originalTopic: SampleOpenedV1.topic,
        originalPartition: String(SHARED_PARTITION),
        originalOffset: String(poisonOffset),
        attempts: '3',
      }),
    ]);

    failingAggregates.delete(poison);
    const result = await replayDeadLetters(kafka, SampleOpenedV1.topic);
    expect(result.replayed).toBeGreaterThanOrEqual(1);
    await waitFor('poison applied after replay', async () =>
      (await seen.findById(poison).lean())?.lastSequence === 1 ? true : undefined,
    );
    expect(deliveriesOf(poison).filter((d) => d.outcome === 'applied')).toHaveLength(1);
  }, 60_000);

  it('dead-letters a message that breaks its contract with the reason, and keeps going', async () => {
    const key = `invalid-${run}`;
    const dlqReader = await readerFromNow(kafka, deadLetterTopic(SampleOpenedV1.topic));
    await producer.send({
      topic: SampleOpenedV1.topic,
      messages: [{ key, value: JSON.stringify({ eventId: 'nope', data: { name: 'should never be here' } }) }],
    });
    await producer.send({ topic: SampleOpenedV1.topic, messages: [{ key, value: '{not json' }] });
    const letters = await readTopic(kafka, dlqReader, deadLetterTopic(SampleOpenedV1.topic), (k) => k === key, 2);
    expect(letters.map((l) => l.reason).sort()).toEqual(['MALFORMED_JSON', 'SCHEMA_INVALID']);
    const invalid = letters.find((l) => l.reason === 'SCHEMA_INVALID');
    expect(invalid?.detail).toContain('eventId');
    expect(invalid?.detail).not.toContain('should never be here');
  }, 60_000);

  it('replays only letters whose cause can be fixed outside the message, unless told which', async () => {
    const topic = SampleOpenedV1.topic;
    const dlq = deadLetterTopic(topic);
    const keys = {
      poison: `case_again-poison-${run}`,
      invalid: `case_again-invalid-${run}`,
      malformed: `case_again-malformed-${run}`,
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
