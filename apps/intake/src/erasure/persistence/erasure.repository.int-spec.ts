import mongoose, { type Connection } from 'mongoose';
import { uuidv7 } from '@app/contracts';
import { assertTestDatabase, type OutboxEntry } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { type Tombstone } from '../domain/erasure';
import { type ErasureCandidate, ErasureRepository } from './erasure.repository';
import { ownerScope } from '../../cases/domain/case-scope';

const org_a = ownerScope('org_a');
const org_b = ownerScope('org_b');

/** The case as erasure read it: the seeded case is at grants revision 1 with one receipt code hash. */
function readAt(version: number, grantsRevision = 1): ErasureCandidate {
  return { version, grantsRevision, erased: false, receiptCodeHashes: ['hash'] };
}

describe('ErasureRepository (real MongoDB)', () => {
  const database = `intake_erasure_test_${uuidv7().slice(-12)}`;
  let connection: Connection;
  let erasures: ErasureRepository;
  let serial = 0;
  const cases = () => connection.collection<Record<string, unknown> & { _id: string }>('cases');

  const event = (caseId: string): OutboxEntry => ({
    eventId: uuidv7(),
    topic: 'intake.case.erased.v1',
    key: caseId,
    value: '{}',
    createdAt: new Date(),
  });
  const tombstone = (erasedAt = new Date('2030-01-01T00:00:00.000Z')): Omit<Tombstone, 'caseId'> => ({
    legalBasis: 'arco_cancellation',
    erasedAt,
    erasedBySub: 'admin_1',
    confirmations: {},
  });

  async function seedCase(): Promise<string> {
    const caseId = `case_${database.slice(-12)}${(serial += 1)}`;
    await cases().insertOne({
      _id: caseId,
      ownerOrgId: 'org_a',
      version: 2,
      openedAt: new Date('2029-12-01T00:00:00.000Z'),
      routing: { country: 'MX', needCategories: ['health', 'shelter'] },
      sections: { identity: { record: 'ciphertext', envelopes: [{ recipientOrgId: 'org_b' }] } },
      grants: [{ consentId: 'consent_1', granteeOrgId: 'org_b', sections: ['identity'] }],
      consents: [
        { consentId: 'consent_1', receiptCodeHash: 'hash', receipts: [{ record: { clientRef: 'client_ref_1' } }] },
      ],
      grantsRevision: 1,
      outbox: [],
    });
    return caseId;
  }

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    erasures = new ErasureRepository(connection);
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('leaves only the tombstone and the event, in one write', async () => {
    const caseId = await seedCase();
    const queued = event(caseId);

    expect(await erasures.erase(org_a, caseId, readAt(2), tombstone(), queued)).toBe(true);

    const erasedAt = new Date('2030-01-01T00:00:00.000Z');
    expect(await cases().findOne({ _id: caseId })).toEqual({
      _id: caseId,
      ownerOrgId: 'org_a',
      version: 3,
      grantsRevision: 1,
      erasedAt,
      updatedAt: erasedAt,
      erasure: {
        legalBasis: 'arco_cancellation',
        erasedAt,
        erasedBySub: 'admin_1',
        confirmations: {},
        receiptCodeHashes: ['hash'],
      },
      outbox: [queued],
    });
    expect(await erasures.findCandidate(org_a, caseId)).toEqual({
      version: 3,
      grantsRevision: 1,
      erased: true,
      receiptCodeHashes: [],
    });
  });

  it("writes nothing for another organization's case, a stale version, or an erased case", async () => {
    const caseId = await seedCase();
    expect(await erasures.erase(org_b, caseId, readAt(2), tombstone(), event(caseId))).toBe(false);
    expect(await erasures.erase(org_a, caseId, readAt(1), tombstone(), event(caseId))).toBe(false);
    // A consent recorded since the read (grants revision 2) may have brought a receipt code the read did not see.
    expect(await erasures.erase(org_a, caseId, readAt(2, 0), tombstone(), event(caseId))).toBe(false);
    expect(await cases().findOne({ _id: caseId })).toHaveProperty('sections');

    expect(await erasures.erase(org_a, caseId, readAt(2), tombstone(), event(caseId))).toBe(true);
    expect(await erasures.erase(org_a, caseId, readAt(3), tombstone(), event(caseId))).toBe(false);
    expect((await cases().findOne({ _id: caseId }))?.outbox).toHaveLength(1);
  });

  it('shows the tombstone to the owner only, and only once the case is erased', async () => {
    const caseId = await seedCase();
    expect(await erasures.findTombstone(org_a, caseId)).toBeUndefined();
    await erasures.erase(org_a, caseId, readAt(2), tombstone(), event(caseId));
    expect(await erasures.findTombstone(org_b, caseId)).toBeUndefined();
    expect(await erasures.findTombstone(org_a, caseId)).toEqual({ caseId, ...tombstone() });
  });

  it("records each service's first confirmation and ignores repeats", async () => {
    const caseId = await seedCase();
    await erasures.erase(org_a, caseId, readAt(2), tombstone(), event(caseId));
    const first = new Date('2030-01-01T00:00:01.000Z');

    expect(await erasures.recordConfirmation(caseId, 'legal-status', first)).toBe(true);
    expect(await erasures.recordConfirmation(caseId, 'legal-status', new Date('2030-01-01T00:00:09.000Z'))).toBe(false);
    expect(await erasures.recordConfirmation(caseId, 'notifications', first)).toBe(true);

    expect((await erasures.findTombstone(org_a, caseId))?.confirmations).toEqual({
      'legal-status': first,
      notifications: first,
    });
  });

  it('ignores a confirmation for a case that is not erased', async () => {
    const caseId = await seedCase();
    expect(await erasures.recordConfirmation(caseId, 'legal-status', new Date())).toBe(false);
    expect(await cases().findOne({ _id: caseId })).not.toHaveProperty('erasure');
  });
});
