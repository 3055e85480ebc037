import mongoose, { type Model, Schema } from 'mongoose';
import { topicSpecsOf } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../../libs/messaging/test/sample-events';
import { MongooseOutboxStore, type OutboxEntry, withOutbox } from '@app/persistence';
import { buildEvent, createKafka, ensureTopics } from '@app/messaging';
import { jsonLogger } from '@app/observability';
import { startBenchInfra } from '../shared/bench-infra';

/**
 * Diagnostic: where the outbox relay's time goes, step by step (find pending,
 * publish, remove), on the benchmark's data with nothing else running.
 *
 *   npm run -s build && node dist/bench/backbone/relay-probe.js
 *
 * Starts fresh infrastructure on the benchmark's ports (or uses KAFKA_BROKERS
 * and MONGODB_URI). Prints one JSON line: milliseconds spent in each step.
 */
const AGGREGATES = 4_000;
const logger = jsonLogger('relay-probe', 'error');
const origin = { producer: 'intake', correlationId: 'bench-correlation' };

async function main(): Promise<void> {
  const infra = startBenchInfra();
  const kafka = createKafka('relay-probe', infra.brokers, logger, infra.sasl);
  await ensureTopics(kafka, [SampleOpenedV1, SampleMovedV1].flatMap(topicSpecsOf), {
    partitions: 3,
    replicationFactor: 1,
  });
  const connection = await mongoose
    .createConnection(`${infra.mongoUri.replace(/\/$/, '')}/relay_probe_${Date.now()}`)
    .asPromise();
  const cases = connection.model<{ _id: string; outbox: OutboxEntry[] }>(
    'Case',
    withOutbox(new Schema<{ _id: string; outbox: OutboxEntry[] }>({ _id: String })),
  );
  for (let start = 0; start < AGGREGATES; start += 500) {
    await cases.insertMany(
      Array.from({ length: 500 }, (_, i) => {
        const id = `case_${String(start + i).padStart(10, '0')}`;
        const outbox = [
          buildEvent(SampleOpenedV1, id, 1, { sampleId: id, ownerOrgId: 'org_bench', regionCode: 'MX-CHP' }, origin),
        ];
        for (let s = 2; s <= 5; s += 1)
          outbox.push(
            buildEvent(SampleMovedV1, id, s, { sampleId: id, ownerOrgId: 'org_bench', regionCode: 'MX-OAX' }, origin),
          );
        return { _id: id, outbox };
      }),
    );
  }
  const store = new MongooseOutboxStore(cases as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>);
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const totals = { find: 0, send: 0, remove: 0 };
  for (;;) {
    let t = Date.now();
    const pending = await store.findPending(500);
    totals.find += Date.now() - t;
    if (pending.length === 0) break;
    t = Date.now();
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const { entries } of pending) {
      for (const entry of entries)
        byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), { key: entry.key, value: entry.value }]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    totals.send += Date.now() - t;
    t = Date.now();
    await store.removePublished(pending);
    totals.remove += Date.now() - t;
  }
  console.log(JSON.stringify({ events: AGGREGATES * 5, ms: totals }));
  await producer.disconnect();
  await connection.dropDatabase();
  await connection.close();
  infra.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
