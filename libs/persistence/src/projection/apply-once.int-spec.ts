import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { mongoUri } from '@app/testing';
import { assertTestDatabase } from '../test-database-guard';
import { applyOnce, applyOnceMany, type ProjectionDocument, type ProjectionWrite } from './apply-once';

interface SeenDoc extends ProjectionDocument {
  sequences: number[];
  regionCode: string;
}

const OPENED = 'intake.case.opened.v1';
const UPDATED = 'intake.case.routing-updated.v1';

function write(aggregateId: string, topic: string, sequence: number): ProjectionWrite<SeenDoc> {
  return {
    position: { aggregateId, sequence, topic },
    effect: { state: { regionCode: `R${sequence}` }, onReceipt: { $push: { sequences: sequence } } },
  };
}

describe('applyOnceMany (real MongoDB)', () => {
  let connection: Connection;
  let one: Model<SeenDoc>;
  let many: Model<SeenDoc>;
  const database = `apply_once_test_${Date.now()}`;

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    const schema = (): Schema<SeenDoc> =>
      new Schema<SeenDoc>({
        _id: String,
        lastSequence: Number,
        received: Object,
        sequences: [Number],
        regionCode: String,
      });
    one = connection.model<SeenDoc>('One', schema());
    many = connection.model<SeenDoc>('Many', schema());
  });

  afterAll(async () => {
    assertTestDatabase(connection.name);
    await connection.dropDatabase();
    await connection.close();
  });

  it('leaves the same documents as applyOnce event by event, in rounds per aggregate', async () => {
    // Two aggregates; a's updates overtake its opening (another topic), and some events come twice.
    const batches = [
      [
        write('a', UPDATED, 3),
        write('b', OPENED, 1),
        write('a', UPDATED, 4),
        write('b', UPDATED, 2),
        write('a', UPDATED, 3),
      ],
      [
        write('a', OPENED, 1),
        write('b', UPDATED, 2),
        write('b', UPDATED, 5),
        write('a', UPDATED, 2),
        write('a', OPENED, 1),
      ],
    ];
    const sequential = { applied: 0, stale: 0, duplicate: 0 };
    const batched = { applied: 0, stale: 0, duplicate: 0 };
    for (const batch of batches) {
      for (const { position, effect } of batch) sequential[await applyOnce(one, position, effect)] += 1;
      const counts = await applyOnceMany(many, batch);
      batched.applied += counts.applied;
      batched.stale += counts.stale;
      batched.duplicate += counts.duplicate;
    }
    expect(batched).toEqual(sequential);
    expect(batched).toEqual({ applied: 5, stale: 1, duplicate: 4 });
    const documents = (model: Model<SeenDoc>) => model.find().sort({ _id: 1 }).lean().exec();
    const [expected, actual] = await Promise.all([documents(one), documents(many)]);
    expect(actual).toEqual(expected);
    expect(
      actual.map(({ _id, lastSequence, regionCode, sequences }) => ({ _id, lastSequence, regionCode, sequences })),
    ).toEqual([
      { _id: 'a', lastSequence: 4, regionCode: 'R4', sequences: [3, 4, 1] },
      { _id: 'b', lastSequence: 5, regionCode: 'R5', sequences: [1, 2, 5] },
    ]);
  });

  it('applies nothing twice when a whole batch is delivered again', async () => {
    const batch = [write('c', OPENED, 1), write('c', UPDATED, 2), write('d', OPENED, 1)];
    expect(await applyOnceMany(many, batch)).toEqual({ applied: 3, stale: 0, duplicate: 0 });
    expect(await applyOnceMany(many, batch)).toEqual({ applied: 0, stale: 0, duplicate: 3 });
    const c = await many.findById('c').lean().exec();
    expect(c?.sequences).toEqual([1, 2]);
  });
});
