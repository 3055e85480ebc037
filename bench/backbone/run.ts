import 'reflect-metadata';
import { type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { topicSpecsOf } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../../libs/messaging/test/sample-events';
import { MongooseOutboxStore, type OutboxEntry, type ProjectionDocument, withOutbox } from '@app/persistence';
import { createKafka, ensureTopics, OutboxRelay } from '@app/messaging';
import { jsonLogger } from '@app/observability';
import { startBenchInfra } from '../shared/bench-infra';
import { bareKafkaLoop } from './baseline';
import { round } from '../shared/stats';
import { CpuMeter, type CpuPerEvent } from '../shared/cpu-meter';
import { BatchConsumerModule, type RegionProjection, useBatchProjection } from './batch-consumer';
import { PerEventConsumerModule, perEventRateAfter, usePerEventProjection } from './per-event-consumer';
import { consumerServer } from './consumer-server';
import { type CaseDoc, sampleValue, TOTAL } from './fixtures';
import { pacedLatency, pipePass } from './pipe-pass';
import { metTargets, targetLines, TARGETS } from './targets';

/**
 * npm run bench:backbone — events through outbox → relay → Kafka → idempotent
 * consumer, against a bare kafkajs produce → consume loop in the same run.
 * The consumer is an @OnEventBatch projection (applyOnceMany); afterwards the
 * same events are replayed through @OnEvent handlers (one applyOnce each) for
 * comparison. Prints figures as it goes, whether each target was met, and one
 * JSON object as the last line.
 */
const PACED_EVENTS = 3_000;
const PACED_RATE = 500;
const TOPICS = { partitions: 3, replicationFactor: 1 };

const logger = jsonLogger('bench', 'error');

function regionProjection(connection: Connection, name: string): RegionProjection {
  const schema = new Schema<ProjectionDocument & { regionCode: string }>({
    _id: String,
    lastSequence: Number,
    received: Object,
    regionCode: String,
  });
  return connection.model<ProjectionDocument & { regionCode: string }>(name, schema);
}

function describeCpu({ bench, broker, database, total }: CpuPerEvent, rate: number): string {
  const busy = round((total * rate) / 1e6, 2);
  const processes = `this process ${bench}, broker ${broker ?? '?'}, database ${database ?? '?'}`;
  return `${total} µs, ${busy} cores busy (${processes})`;
}

async function main(): Promise<void> {
  const infra = startBenchInfra();
  const kafka = createKafka('bench', infra.brokers, logger, infra.sasl);
  const baselineTopics = ['bench.baseline.warmup.v1', 'bench.baseline.loop.v1'];
  await ensureTopics(
    kafka,
    [
      ...baselineTopics.map((topic) => ({ topic, retentionMs: 86_400_000 })),
      ...[SampleOpenedV1, SampleMovedV1].flatMap(topicSpecsOf),
    ],
    TOPICS,
  );
  const connection = await mongoose
    .createConnection(`${infra.mongoUri.replace(/\/$/, '')}/bench_${Date.now()}`)
    .asPromise();
  const cases = connection.model<CaseDoc>('Case', withOutbox(new Schema<CaseDoc>({ _id: String })));
  useBatchProjection(regionProjection(connection, 'Projection'));
  usePerEventProjection(regionProjection(connection, 'PerEventProjection'));

  // The baseline too gets a warm-up loop first, on its own topic
  // (each loop's new group reads its topic from the beginning).
  await bareKafkaLoop(kafka, 'bench.baseline.warmup.v1', TOTAL, sampleValue());
  const cpu = new CpuMeter(infra.pids);
  const beforeBaseline = cpu.read();
  const baseline = await bareKafkaLoop(kafka, 'bench.baseline.loop.v1', TOTAL, sampleValue());
  const baselineCpu = CpuMeter.perEvent(beforeBaseline, cpu.read(), TOTAL);
  const baselineRate = Math.round(baseline.eventsPerSecond);
  console.log(`bare kafkajs: ${baselineRate} events/s, p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms`);

  const consumerApp: INestMicroservice = await NestFactory.createMicroservice(BatchConsumerModule, {
    logger,
    strategy: consumerServer(infra.brokers, `bench-${Date.now()}`, TOPICS, logger),
  });
  await consumerApp.listen();
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const store = new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>);
  const relay = new OutboxRelay([store], producer, logger, { pollIntervalMs: 20 });

  // A first pass warms the JVMs of the broker and the database (and V8) up; only the second is reported.
  const warmUp = await pipePass(cases, relay, 'warm', cpu);
  console.log(
    `warm-up pass: relay ${Math.round(warmUp.relayRate)}, consumer ${Math.round(warmUp.consumerRate)}, ` +
      `whole pipe ${Math.round(warmUp.pipelineRate)} events/s`,
  );
  const { relayRate, consumerRate, pipelineRate, cpuPerEvent: pipelineCpu } = await pipePass(cases, relay, 'case', cpu);
  console.log(
    `relay: ${Math.round(relayRate)} events/s published; consumer: ${Math.round(consumerRate)} events/s applied; ` +
      `whole pipe ${Math.round(pipelineRate)} events/s`,
  );
  console.log(
    `CPU per event: bare kafkajs ${describeCpu(baselineCpu, baseline.eventsPerSecond)}; ` +
      `pipe ${describeCpu(pipelineCpu, pipelineRate)}`,
  );

  const { p50Ms, p99Ms } = await pacedLatency(cases, relay, PACED_EVENTS, PACED_RATE);
  console.log(`end-to-end latency at ${PACED_RATE} events/s: p50 ${p50Ms} ms, p99 ${p99Ms} ms`);
  await consumerApp.close();

  // The same events again through per-event handlers, in a new consumer group (nothing else running).
  const perEventApp: INestMicroservice = await NestFactory.createMicroservice(PerEventConsumerModule, {
    logger,
    strategy: consumerServer(infra.brokers, `bench-per-event-${Date.now()}`, TOPICS, logger),
  });
  const perEventDone = perEventRateAfter(2 * TOTAL + PACED_EVENTS);
  await perEventApp.listen();
  const perEventRate = await perEventDone;
  await perEventApp.close();
  console.log(
    `per-event handlers (@OnEvent, one applyOnce each), same events replayed: ` +
      `${Math.round(perEventRate)} events/s applied`,
  );
  await producer.disconnect();
  await connection.dropDatabase();
  await connection.close();
  infra.stop();

  const measured = {
    relayEventsPerSecond: Math.round(relayRate),
    consumerEventsPerSecond: Math.round(consumerRate),
    pipelineToBaseline: round(pipelineRate / baseline.eventsPerSecond, 2),
    p99Ms,
  };
  const met = metTargets(measured);
  for (const line of targetLines(measured, met)) console.log(line);
  console.log(
    JSON.stringify({
      bench: 'backbone',
      events: TOTAL,
      ...measured,
      perEventConsumerEventsPerSecond: Math.round(perEventRate),
      pipelineEventsPerSecond: Math.round(pipelineRate),
      baselineEventsPerSecond: baselineRate,
      p50Ms,
      pacedRate: PACED_RATE,
      baselineP50Ms: baseline.p50Ms,
      baselineP99Ms: baseline.p99Ms,
      cpuMicrosPerEvent: { baseline: baselineCpu, pipeline: pipelineCpu },
      targets: TARGETS,
      met,
    }),
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
