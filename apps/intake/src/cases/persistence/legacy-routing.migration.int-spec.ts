import mongoose, { type Connection } from 'mongoose';
import { uuidv7 } from '@app/contracts';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { categoriesOf, LegacyRoutingMigration } from './legacy-routing.migration';

describe('LegacyRoutingMigration (real MongoDB)', () => {
  const database = `intake_test_routing_${uuidv7().slice(-12)}`;
  let connection: Connection;
  const cases = () => connection.collection<{ _id: string; routing: Record<string, unknown> }>('cases');

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('reduces specific needs to their categories and leaves current routing alone', async () => {
    const base = { country: 'MX', regionCode: 'MX-CHP', urgency: 'urgent', languages: ['es'] };
    await cases().insertMany([
      {
        _id: 'case_legacy00001',
        routing: { ...base, needs: ['health:hiv_care', 'shelter:trans_women', 'shelter:lgbtqi_safe', 'legal:appeal'] },
      },
      { _id: 'case_legacy00002', routing: { ...base, needs: [] } },
      { _id: 'case_current0001', routing: { ...base, needCategories: ['legal'] } },
    ]);

    await new LegacyRoutingMigration(connection).onModuleInit();
    await new LegacyRoutingMigration(connection).onModuleInit();

    const after = await cases().find({}).sort({ _id: 1 }).toArray();
    expect(after.map((found) => found.routing)).toEqual([
      { ...base, needCategories: ['legal'] },
      { ...base, needCategories: ['health', 'shelter', 'legal'] },
      { ...base, needCategories: [] },
    ]);
    expect(JSON.stringify(after)).not.toMatch(/hiv_care|trans_women|lgbtqi_safe/);
  });

  it('drops whatever is not in the vocabulary rather than keeping it', () => {
    expect(categoriesOf(['story: fled', 'interpretation', 42, 'protection:relocation'])).toEqual([
      'interpretation',
      'protection',
    ]);
    expect(categoriesOf('health:hiv_care')).toEqual([]);
  });
});
