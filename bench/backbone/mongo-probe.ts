import mongoose from 'mongoose';
import { startBenchMongo } from '../shared/bench-infra';
import { percentile } from '../shared/stats';

/**
 * Diagnostic, not a benchmark with targets: what single database operations
 * cost against the benchmark's MongoDB server, and whether that cost grows
 * with the collection (a full scan where an index should be used) or with
 * concurrent callers (the server serializing them).
 *
 *   npm run -s build && node dist/bench/backbone/mongo-probe.js
 *
 * Starts a fresh database on the benchmark's port, or uses MONGODB_URI.
 * Prints microseconds per operation (median and mean); the last line is JSON.
 */
const OPS = 1_000;
const SIZES = [100, 1_000, 4_000, 16_000];
const CONCURRENCY = 4;
/** Operations run before measuring, so the server's JIT has compiled its hot paths. */
const WARM_UP = 5_000;

type Collection = mongoose.mongo.Collection<ProbeDoc>;
interface ProbeDoc {
  _id: string;
  lastSequence: number;
  received: Record<string, number>;
  regionCode: string;
}
interface Timing {
  medianUs: number;
  meanUs: number;
}

async function time(count: number, op: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1_000);
  }
  const mean = samples.reduce((sum, s) => sum + s, 0) / samples.length;
  samples.sort((a, b) => a - b);
  return { medianUs: Math.round(percentile(samples, 50)), meanUs: Math.round(mean) };
}

/** The filter applyOnce uses: _id plus two conditions on the document. */
function conditional(id: string, sequence: number): mongoose.mongo.Filter<ProbeDoc> {
  return { _id: id, 'received.t': { $not: { $gte: sequence } }, lastSequence: { $not: { $gte: sequence } } };
}

function conditionalUpdate(sequence: number): mongoose.mongo.UpdateFilter<ProbeDoc> {
  return { $set: { lastSequence: sequence, 'received.t': sequence, regionCode: 'MX-CHP' } };
}

async function probeSize(
  collection: Collection,
  size: number,
  sequenceStart: number,
  ops = OPS,
  print = true,
): Promise<Record<string, number>> {
  await collection.deleteMany({});
  for (let i = 0; i < size; i += 1_000) {
    await collection.insertMany(
      Array.from({ length: Math.min(1_000, size - i) }, (_, j) => ({
        _id: `agg-${i + j}`,
        lastSequence: 0,
        received: {},
        regionCode: 'MX-OAX',
      })),
    );
  }
  const id = (i: number): string => `agg-${(i * 7919) % size}`;
  let sequence = sequenceStart;
  const findById = await time(ops, (i) => collection.findOne({ _id: id(i) }));
  const updateById = await time(ops, (i) => collection.updateOne({ _id: id(i) }, { $set: { regionCode: `R${i}` } }));
  const updateConditional = await time(ops, (i) =>
    collection.updateOne(conditional(id(i), (sequence += 1)), conditionalUpdate(sequence), { upsert: true }),
  );
  const bulk = await time(ops / 100, (b) =>
    collection.bulkWrite(
      Array.from({ length: 100 }, (_, j) => ({
        updateOne: {
          filter: conditional(id(b * 100 + j), (sequence += 1)),
          update: conditionalUpdate(sequence),
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const concurrentStart = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      // No upsert here: workers share ids, and a lower sequence arriving late would be a duplicate-key insert.
      for (let i = 0; i < ops / CONCURRENCY; i += 1)
        await collection.updateOne(conditional(id(worker * ops + i), (sequence += 1)), conditionalUpdate(sequence));
    }),
  );
  const concurrentOpsPerSecond = ops / ((Date.now() - concurrentStart) / 1_000);
  const row = {
    size,
    findByIdUs: findById.medianUs,
    updateByIdUs: updateById.medianUs,
    updateConditionalUs: updateConditional.medianUs,
    updateConditionalMeanUs: updateConditional.meanUs,
    bulkWritePerUpdateUs: Math.round(bulk.meanUs / 100),
    [`concurrent${CONCURRENCY}ConditionalOpsPerSecond`]: Math.round(concurrentOpsPerSecond),
  };
  if (print) console.log(JSON.stringify(row));
  return row;
}

async function main(): Promise<void> {
  const infra = startBenchMongo();
  const connection = await mongoose
    .createConnection(`${infra.mongoUri.replace(/\/$/, '')}/probe_${Date.now()}`)
    .asPromise();
  const db = connection.db!;
  const collection = db.collection<ProbeDoc>('probe');
  const scratch = db.collection<{ _id: number }>('scratch');
  await probeSize(collection, 1_000, 0, WARM_UP, false);
  const ping = await time(OPS, () => db.command({ ping: 1 }));
  const insertOne = await time(OPS, (i) => scratch.insertOne({ _id: i }));
  console.log(`ping ${ping.medianUs} µs, insertOne ${insertOne.medianUs} µs (medians)`);
  const rows: Record<string, number>[] = [];
  for (const [n, size] of SIZES.entries()) rows.push(await probeSize(collection, size, (n + 1) * 1_000_000));
  await connection.dropDatabase();
  await connection.close();
  infra.stop();
  console.log(
    JSON.stringify({
      probe: 'mongo',
      pingUs: ping.medianUs,
      insertOneUs: insertOne.medianUs,
      opsPerMeasure: OPS,
      bySize: rows,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
