import mongoose, { type Connection } from 'mongoose';
import { CaseOpenedV2, uuidv7 } from '@app/contracts';
import { applyOnce, assertTestDatabase, type ProjectionDocument } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { KnownCaseRepository } from './known-case.repository';

const opened = (caseId: string, sequence = 1) => ({ aggregateId: caseId, sequence, topic: CaseOpenedV2.topic });

describe('KnownCaseRepository erasure (real MongoDB)', () => {
  const database = `case_directory_test_${uuidv7().slice(-12)}`;
  let connection: Connection;
  let cases: KnownCaseRepository;
  let serial = 0;
  const newCaseId = (): string => `case_${database.slice(-12)}${(serial += 1)}`;
  const stored = (caseId: string) => connection.collection('known_cases').findOne({ _id: caseId as never });

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    cases = new KnownCaseRepository(connection);
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('forgets the owner and keeps only a tombstone', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a');
    const erasedAt = new Date('2030-05-06T07:08:09.000Z');

    expect(await cases.purge(caseId, erasedAt)).toBe('purged');

    expect(await stored(caseId)).toEqual({ _id: caseId, erasedAt, lastSequence: Number.MAX_SAFE_INTEGER });
    expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });

  it('refuses a replayed, late or even newer case event for an erased case', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a');
    await cases.purge(caseId, new Date());
    const tombstone = await stored(caseId);

    expect(await cases.record(opened(caseId), 'org_a')).toBe('erased');
    expect(await cases.record(opened(caseId, 2), 'org_a')).toBe('erased');
    expect(await cases.record(opened(caseId, 99), 'org_a')).toBe('erased');

    expect(await stored(caseId)).toEqual(tombstone);
  });

  it('holds even for a write that skipped the erased check (a purge landing between check and write)', async () => {
    const caseId = newCaseId();
    await cases.purge(caseId, new Date());
    const model = connection.model<ProjectionDocument>('KnownCase');

    const result = await applyOnce(model, opened(caseId, 1_000_000), { state: { ownerOrgId: 'org_a' } });

    expect(result).not.toBe('applied');
    expect(await stored(caseId)).not.toHaveProperty('ownerOrgId');
  });

  it('keeps a case erased whose erasure overtook its first event', async () => {
    const caseId = newCaseId();
    expect(await cases.purge(caseId, new Date())).toBe('purged');
    expect(await cases.record(opened(caseId), 'org_a')).toBe('erased');
    expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });

  it('changes nothing when the erasure is delivered again', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a');
    await cases.purge(caseId, new Date('2030-01-01T00:00:00.000Z'));
    const tombstone = await stored(caseId);

    expect(await cases.purge(caseId, new Date('2031-01-01T00:00:00.000Z'))).toBe('already_erased');
    expect(await stored(caseId)).toEqual(tombstone);
  });

  it('never leaves the owner behind when case events race the erasure', async () => {
    const caseIds = Array.from({ length: 30 }, () => newCaseId());
    await Promise.all(
      caseIds.map((caseId) =>
        Promise.all([
          cases.record(opened(caseId), 'org_a'),
          cases.purge(caseId, new Date()),
          cases.record(opened(caseId, 2), 'org_a'),
        ]),
      ),
    );
    const left = await connection.collection('known_cases').countDocuments({
      _id: { $in: caseIds as never[] },
      ownerOrgId: { $exists: true },
    });
    expect(left).toBe(0);
    for (const caseId of caseIds) expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });

  // Copies made from v1 events held routing with specific needs (health:hiv_care…).
  it('removes routing that earlier versions stored, and stores none itself', async () => {
    const legacy = newCaseId();
    const routing = {
      country: 'MX',
      regionCode: 'MX-CHP',
      needs: ['health:hiv_care'],
      urgency: 'urgent',
      languages: ['es'],
    };
    await connection.collection('known_cases').insertOne({
      _id: legacy as never,
      ownerOrgId: 'org_a',
      routing,
      lastSequence: 1,
      received: {},
      eventsReceived: 1,
    });
    const current = newCaseId();
    await cases.record(opened(current), 'org_a');

    await cases.onModuleInit();

    expect(await stored(legacy)).not.toHaveProperty('routing');
    expect(await stored(legacy)).toMatchObject({ ownerOrgId: 'org_a', lastSequence: 1 });
    expect(Object.keys((await stored(current)) ?? {}).sort()).toEqual(
      ['_id', 'eventsReceived', 'lastSequence', 'ownerOrgId', 'received', 'updatedAt'].sort(),
    );
    expect(await cases.findForOrganization('org_a', current)).not.toHaveProperty('routing');
  });
});
