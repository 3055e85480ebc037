import mongoose, { type Connection } from 'mongoose';
import { CaseOpenedV1, CaseRoutingUpdatedV1, type Routing, uuidv7 } from '@app/contracts';
import { applyOnce, assertTestDatabase, type ProjectionDocument } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { KnownCaseRepository } from './known-case.repository';

const routing: Routing = {
  country: 'MX',
  regionCode: 'MX-CHP',
  needs: ['legal:asylum_mx'],
  urgency: 'urgent',
  languages: ['es'],
};
const opened = (caseId: string, sequence = 1) => ({ aggregateId: caseId, sequence, topic: CaseOpenedV1.topic });
const routed = (caseId: string, sequence: number) => ({
  aggregateId: caseId,
  sequence,
  topic: CaseRoutingUpdatedV1.topic,
});

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

  it('forgets owner and routing and keeps only a tombstone', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a', routing);
    const erasedAt = new Date('2030-05-06T07:08:09.000Z');

    expect(await cases.purge(caseId, erasedAt)).toBe('purged');

    expect(await stored(caseId)).toEqual({ _id: caseId, erasedAt, lastSequence: Number.MAX_SAFE_INTEGER });
    expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });

  it('refuses a replayed, late or even newer case event for an erased case', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a', routing);
    await cases.purge(caseId, new Date());
    const tombstone = await stored(caseId);

    expect(await cases.record(opened(caseId), 'org_a', routing)).toBe('erased');
    expect(await cases.record(routed(caseId, 2), 'org_a', routing)).toBe('erased');
    expect(await cases.record(routed(caseId, 99), 'org_a', routing)).toBe('erased');

    expect(await stored(caseId)).toEqual(tombstone);
  });

  it('holds even for a write that skipped the erased check (a purge landing between check and write)', async () => {
    const caseId = newCaseId();
    await cases.purge(caseId, new Date());
    const model = connection.model<ProjectionDocument>('KnownCase');

    const result = await applyOnce(model, routed(caseId, 1_000_000), { state: { ownerOrgId: 'org_a', routing } });

    expect(result).not.toBe('applied');
    expect(await stored(caseId)).not.toHaveProperty('ownerOrgId');
  });

  it('keeps a case erased whose erasure overtook its first event', async () => {
    const caseId = newCaseId();
    expect(await cases.purge(caseId, new Date())).toBe('purged');
    expect(await cases.record(opened(caseId), 'org_a', routing)).toBe('erased');
    expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });

  it('changes nothing when the erasure is delivered again', async () => {
    const caseId = newCaseId();
    await cases.record(opened(caseId), 'org_a', routing);
    await cases.purge(caseId, new Date('2030-01-01T00:00:00.000Z'));
    const tombstone = await stored(caseId);

    expect(await cases.purge(caseId, new Date('2031-01-01T00:00:00.000Z'))).toBe('already_erased');
    expect(await stored(caseId)).toEqual(tombstone);
  });

  it('never leaves owner or routing behind when case events race the erasure', async () => {
    const caseIds = Array.from({ length: 30 }, () => newCaseId());
    await Promise.all(
      caseIds.map((caseId) =>
        Promise.all([
          cases.record(opened(caseId), 'org_a', routing),
          cases.purge(caseId, new Date()),
          cases.record(routed(caseId, 2), 'org_a', routing),
        ]),
      ),
    );
    const left = await connection.collection('known_cases').countDocuments({
      _id: { $in: caseIds as never[] },
      $or: [{ ownerOrgId: { $exists: true } }, { routing: { $exists: true } }],
    });
    expect(left).toBe(0);
    for (const caseId of caseIds) expect(await cases.findForOrganization('org_a', caseId)).toBeUndefined();
  });
});
