import 'reflect-metadata';
import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import mongoose, { type Model, Schema } from 'mongoose';
import { CaseOpenedV1, CaseRoutingUpdatedV1, type EnvelopeOf, type Routing } from '@app/contracts';
import {
  applyOnce,
  applyOnceMany,
  MongooseOutboxStore,
  type OutboxEntry,
  type ProjectionDocument,
  withOutbox,
} from '@app/persistence';
import {
  buildEvent,
  createKafka,
  ensureTopics,
  OnEvent,
  OnEventBatch,
  OutboxRelay,
  ReliableKafkaServer,
} from '@app/messaging';
import { JsonLogger } from '@app/observability';
import { startBenchInfra } from './bench-infra';
import { bareKafkaLoop } from './baseline';
import { percentile, round } from './stats';
import { CpuMeter, type CpuPerEvent } from './cpu-meter';

/**
 * npm run bench:backbone — events through outbox → relay → Kafka → idempotent
 * consumer, against a bare kafkajs produce → consume loop in the same run.
 * The consumer is an @OnEventBatch projection (applyOnceMany); afterwards the
 * same events are replayed through @OnEvent handlers (one applyOnce each) for
 * comparison. Prints figures as it goes and one JSON object as the last line.
 */
const AGGREGATES = 4_000;
const EVENTS_PER_AGGREGATE = 5;
const TOTAL = AGGREGATES * EVENTS_PER_AGGREGATE;
const PACED_EVENTS = 3_000;
const PACED_RATE = 500;

interface CaseDoc {
  _id: string;
  outbox: OutboxEntry[];
}
const logger = new JsonLogger('bench', 'error');
const origin = { producer: 'intake', correlationId: 'bench-correlation' };
const routing = (regionCode: string): Routing => ({
  country: 'MX',
  regionCode,
  needs: ['legal:asylum_mx', 'shelter:lgbtqi_safe'],
  urgency: 'urgent',
  languages: ['es', 'en'],
});

const applied = { count: 0, first: 0, last: 0, latencies: [] as number[], target: 0, onTarget: (): void => undefined };
let projection: Model<ProjectionDocument & { regionCode: string }>;

@Controller()
class BenchConsumer {
  @OnEventBatch(CaseOpenedV1)
  async opened(@Payload() events: EnvelopeOf<typeof CaseOpenedV1>[]): Promise<void> {
    await this.apply(CaseOpenedV1.topic, events);
  }

  @OnEventBatch(CaseRoutingUpdatedV1)
  async updated(@Payload() events: EnvelopeOf<typeof CaseRoutingUpdatedV1>[]): Promise<void> {
    await this.apply(CaseRoutingUpdatedV1.topic, events);
  }

  /** The projection write of a consuming service: one conditional update per event, batched. */
  private async apply(
    topic: string,
    events: (EnvelopeOf<typeof CaseOpenedV1> | EnvelopeOf<typeof CaseRoutingUpdatedV1>)[],
  ): Promise<void> {
    await applyOnceMany(
      projection,
      events.map(({ aggregateId, sequence, data }) => ({
        position: { aggregateId, sequence, topic },
        effect: { state: { regionCode: data.routing.regionCode } },
      })),
    );
    const now = Date.now();
    if (applied.count === 0) applied.first = now;
    applied.count += events.length;
    applied.last = now;
    for (const { occurredAt } of events) applied.latencies.push(now - Date.parse(occurredAt));
    if (applied.count >= applied.target) applied.onTarget();
  }
}

@Module({ controllers: [BenchConsumer] })
class BenchModule {}

const perEvent = { count: 0, first: 0, last: 0, target: 0, onTarget: (): void => undefined };
let perEventProjection: Model<ProjectionDocument & { regionCode: string }>;

/** The same projection with one applyOnce per event (@OnEvent), as services that have not moved to @OnEventBatch do. */
@Controller()
class PerEventConsumer {
  @OnEvent(CaseOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof CaseOpenedV1>): Promise<void> {
    await this.apply(CaseOpenedV1.topic, event);
  }

  @OnEvent(CaseRoutingUpdatedV1)
  async updated(@Payload() event: EnvelopeOf<typeof CaseRoutingUpdatedV1>): Promise<void> {
    await this.apply(CaseRoutingUpdatedV1.topic, event);
  }

  private async apply(
    topic: string,
    { aggregateId, sequence, data }: EnvelopeOf<typeof CaseOpenedV1> | EnvelopeOf<typeof CaseRoutingUpdatedV1>,
  ): Promise<void> {
    await applyOnce(
      perEventProjection,
      { aggregateId, sequence, topic },
      { state: { regionCode: data.routing.regionCode } },
    );
    const now = Date.now();
    if (perEvent.count === 0) perEvent.first = now;
    perEvent.count += 1;
    perEvent.last = now;
    if (perEvent.count === perEvent.target) perEvent.onTarget();
  }
}

@Module({ controllers: [PerEventConsumer] })
class PerEventModule {}

function consumerServer(
  brokers: string[],
  groupId: string,
  topics: { partitions: number; replicationFactor: number },
): ReliableKafkaServer {
  return new ReliableKafkaServer({
    kafka: {
      client: { clientId: groupId, brokers },
      consumer: { groupId },
      run: { partitionsConsumedConcurrently: 3 },
      postfixId: '',
    },
    retry: { maxAttempts: 5, baseDelayMs: 200 },
    topics,
    onFatal: (error) => {
      throw error;
    },
    logger,
  });
}

function untilApplied(target: number): Promise<void> {
  return new Promise((resolve) => {
    applied.target = target;
    applied.onTarget = resolve;
    if (applied.count >= target) resolve();
  });
}

function resetApplied(): void {
  Object.assign(applied, { count: 0, first: 0, last: 0, latencies: [], target: 0 });
}

async function fillOutboxes(cases: Model<CaseDoc>, prefix: string): Promise<void> {
  for (let start = 0; start < AGGREGATES; start += 500) {
    const docs = Array.from({ length: Math.min(500, AGGREGATES - start) }, (_, i) => {
      const id = `${prefix}_${start + i}`;
      const outbox = [
        buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_bench', routing: routing('MX-CHP') }, origin),
      ];
      for (let s = 2; s <= EVENTS_PER_AGGREGATE; s += 1)
        outbox.push(
          buildEvent(
            CaseRoutingUpdatedV1,
            id,
            s,
            { caseId: id, ownerOrgId: 'org_bench', routing: routing(`MX-B${String.fromCharCode(64 + s)}`) },
            origin,
          ),
        );
      return { _id: id, outbox };
    });
    await cases.insertMany(docs);
  }
}

/**
 * Fills the outboxes first, so relay and consumer throughput are measured on
 * a full pipe, then drains them through relay, Kafka and the consumer.
 */
async function pipePass(
  cases: Model<CaseDoc>,
  relay: OutboxRelay,
  prefix: string,
  cpu: CpuMeter,
): Promise<{ relayRate: number; consumerRate: number; pipelineRate: number; cpuPerEvent: CpuPerEvent }> {
  await fillOutboxes(cases, prefix);
  resetApplied();
  const cpuBefore = cpu.read();
  const relayStart = Date.now();
  let relayed = 0;
  while (relayed < TOTAL) relayed += await relay.drainOnce();
  const relaySeconds = (Date.now() - relayStart) / 1000;
  await untilApplied(TOTAL);
  const cpuPerEvent = CpuMeter.perEvent(cpuBefore, cpu.read(), TOTAL);
  return {
    relayRate: TOTAL / relaySeconds,
    consumerRate: TOTAL / ((applied.last - applied.first) / 1000),
    pipelineRate: TOTAL / ((applied.last - relayStart) / 1000),
    cpuPerEvent,
  };
}

async function main(): Promise<void> {
  const infra = startBenchInfra();
  const kafka = createKafka('bench', infra.brokers, logger);
  const topics = { partitions: 3, replicationFactor: 1 };
  await ensureTopics(
    kafka,
    ['bench.baseline.warmup.v1', 'bench.baseline.loop.v1', CaseOpenedV1.topic, CaseRoutingUpdatedV1.topic],
    topics,
  );
  const connection = await mongoose
    .createConnection(`${infra.mongoUri.replace(/\/$/, '')}/bench_${Date.now()}`)
    .asPromise();
  const cases = connection.model<CaseDoc>('Case', withOutbox(new Schema<CaseDoc>({ _id: String })));
  const projectionSchema = (): Schema<ProjectionDocument & { regionCode: string }> =>
    new Schema<ProjectionDocument & { regionCode: string }>({
      _id: String,
      lastSequence: Number,
      received: Object,
      regionCode: String,
    });
  projection = connection.model<ProjectionDocument & { regionCode: string }>('Projection', projectionSchema());
  perEventProjection = connection.model<ProjectionDocument & { regionCode: string }>(
    'PerEventProjection',
    projectionSchema(),
  );

  // Same size as the backbone's messages.
  const sample = buildEvent(
    CaseOpenedV1,
    'case_sample',
    1,
    { caseId: 'case_sample', ownerOrgId: 'org_bench', routing: routing('MX-CHP') },
    origin,
  ).value;
  // The baseline too gets a warm-up loop first, on its own topic (each loop's new group reads its topic from the beginning).
  await bareKafkaLoop(kafka, 'bench.baseline.warmup.v1', TOTAL, sample);
  const cpu = new CpuMeter(infra.pids);
  const beforeBaseline = cpu.read();
  const baseline = await bareKafkaLoop(kafka, 'bench.baseline.loop.v1', TOTAL, sample);
  const baselineCpu = CpuMeter.perEvent(beforeBaseline, cpu.read(), TOTAL);
  console.log(
    `bare kafkajs: ${Math.round(baseline.eventsPerSecond)} events/s, p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms`,
  );

  const consumerApp: INestMicroservice = await NestFactory.createMicroservice(BenchModule, {
    logger,
    strategy: consumerServer(infra.brokers, `bench-${Date.now()}`, topics),
  });
  await consumerApp.listen();
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const relay = new OutboxRelay(
    [new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>)],
    producer,
    logger,
    { pollIntervalMs: 20 },
  );

  // A first pass warms the JVMs of the broker and the database (and V8) up; only the second is reported.
  const warmUp = await pipePass(cases, relay, 'warm', cpu);
  console.log(
    `warm-up pass: relay ${Math.round(warmUp.relayRate)}, consumer ${Math.round(warmUp.consumerRate)}, whole pipe ${Math.round(warmUp.pipelineRate)} events/s`,
  );
  const { relayRate, consumerRate, pipelineRate, cpuPerEvent: pipelineCpu } = await pipePass(cases, relay, 'case', cpu);
  console.log(
    `relay: ${Math.round(relayRate)} events/s published; consumer: ${Math.round(consumerRate)} events/s applied; whole pipe ${Math.round(pipelineRate)} events/s`,
  );
  const describe = ({ bench, broker, database, total }: CpuPerEvent, rate: number): string =>
    `${total} µs, ${round((total * rate) / 1e6, 2)} cores busy (this process ${bench}, broker ${broker ?? '?'}, database ${database ?? '?'})`;
  console.log(
    `CPU per event: bare kafkajs ${describe(baselineCpu, baseline.eventsPerSecond)}; pipe ${describe(pipelineCpu, pipelineRate)}`,
  );

  // Latency at a steady rate: each write wakes the relay, as in a service.
  resetApplied();
  relay.start();
  const pacedStart = Date.now();
  for (let i = 0; i < PACED_EVENTS; i += 1) {
    const due = pacedStart + (i * 1000) / PACED_RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = `paced_${i}`;
    await cases.create({
      _id: id,
      outbox: [
        buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_bench', routing: routing('MX-OAX') }, origin),
      ],
    });
    relay.notify();
  }
  await untilApplied(PACED_EVENTS);
  const latencies = [...applied.latencies].sort((a, b) => a - b);
  console.log(
    `end-to-end latency at ${PACED_RATE} events/s: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
  );

  await relay.stop();
  await consumerApp.close();

  // The same events again through per-event handlers, in a new consumer group (nothing else running).
  const perEventApp: INestMicroservice = await NestFactory.createMicroservice(PerEventModule, {
    logger,
    strategy: consumerServer(infra.brokers, `bench-per-event-${Date.now()}`, topics),
  });
  const replayed = 2 * TOTAL + PACED_EVENTS;
  const perEventDone = new Promise<void>((resolve) => {
    perEvent.target = replayed;
    perEvent.onTarget = resolve;
  });
  await perEventApp.listen();
  await perEventDone;
  await perEventApp.close();
  const perEventRate = replayed / ((perEvent.last - perEvent.first) / 1000);
  console.log(
    `per-event handlers (@OnEvent, one applyOnce each), same events replayed: ${Math.round(perEventRate)} events/s applied`,
  );
  await producer.disconnect();
  await connection.dropDatabase();
  await connection.close();
  infra.stop();

  console.log(
    JSON.stringify({
      bench: 'backbone',
      events: TOTAL,
      relayEventsPerSecond: Math.round(relayRate),
      consumerEventsPerSecond: Math.round(consumerRate),
      perEventConsumerEventsPerSecond: Math.round(perEventRate),
      pipelineEventsPerSecond: Math.round(pipelineRate),
      baselineEventsPerSecond: Math.round(baseline.eventsPerSecond),
      pipelineToBaseline: round(pipelineRate / baseline.eventsPerSecond, 2),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      pacedRate: PACED_RATE,
      baselineP50Ms: baseline.p50Ms,
      baselineP99Ms: baseline.p99Ms,
      cpuMicrosPerEvent: { baseline: baselineCpu, pipeline: pipelineCpu },
      targets: { relayEventsPerSecond: 3000, consumerEventsPerSecond: 1500, pipelineToBaseline: 0.5, p99Ms: 250 },
    }),
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
