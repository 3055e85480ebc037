import {
  type AccessLogEntryV1Body,
  type AccessLogHead,
  GENESIS_CHECKPOINT,
  GENESIS_HASH,
  accessLogEntryHash,
  verifyAccessLog,
  verifyAccessLogPage,
  verifyActorSub,
} from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { AccessLogTestDb, newHandOut, overTheWire } from '../../test/access-log-db';

const run = uuidv7().slice(-12);

describe('access log views: the owner’s and the receipt holder’s (real MongoDB)', () => {
  let db: AccessLogTestDb;

  beforeAll(async () => {
    db = await AccessLogTestDb.open('views');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  }, 60_000);

  /** A format 1 entry as intake stored them before format 2: straight into the collection, head along. */
  async function storeLegacyEntry(caseId: string, seq: number, prevHash: string): Promise<AccessLogHead> {
    const body: AccessLogEntryV1Body = {
      seq,
      at: new Date(Date.UTC(2025, 5, 1, 12, 0, seq)).toISOString(),
      actorSub: `CANARY-legacy-${seq}@example.org`,
      actorOrg: 'org_legal',
      purpose: 'legal_representation',
      section: 'legal',
      keyVersion: 1,
      prevHash,
    };
    const hash = await accessLogEntryHash(body);
    await db.entries.insertOne({ caseId, ...body, hash });
    await db.heads.updateOne({ _id: caseId as never }, { $set: { seq, hash } }, { upsert: true });
    return { seq, hash };
  }

  it('shows the owner who read, and the receipt holder only the organization, the role and a digest', async () => {
    const caseId = `views-${run}`;
    await db.caseOf(caseId);
    const handOut = newHandOut(caseId, { actorRole: 'partner_attorney' });
    await db.accessLog.append(handOut);
    await db.accessLog.append(newHandOut(caseId));

    const owners = await db.ownersPage(caseId);
    expect(owners.entries[0]).toMatchObject({ v: 2, actorSub: handOut.actorSub, actorRole: 'partner_attorney' });
    for (const entry of owners.entries) expect(await verifyActorSub(overTheWire(entry))).toBe(true);
    const [newest] = owners.entries;
    const stored = await db.entries.findOne({ caseId, seq: 1 });
    expect(stored).toMatchObject({
      actorSub: handOut.actorSub,
      actorSalt: newest && 'v' in newest && newest.actorSalt,
    });

    const holders = await db.holdersPage(caseId);
    expect(JSON.stringify(holders)).not.toContain('CANARY');
    expect(holders.entries[0]).toEqual({
      v: 2,
      seq: 1,
      at: owners.entries[0]?.at,
      actorOrg: 'org_legal',
      actorRole: 'partner_attorney',
      actorSubDigest: expect.any(String) as unknown,
      purpose: 'legal_representation',
      section: 'legal',
      keyVersion: 1,
      prevHash: GENESIS_HASH,
      hash: owners.entries[0]?.hash,
    });
    expect(holders.verification).toEqual({ valid: true, checked: 2 });
    expect(await verifyAccessLogPage(overTheWire(holders), GENESIS_CHECKPOINT)).toMatchObject({
      valid: true,
      complete: true,
    });
  });

  it('keeps format 1 entries verifying for the owner as before, and withholds them from the client', async () => {
    const caseId = `legacy-${run}`;
    await db.caseOf(caseId);
    const first = await storeLegacyEntry(caseId, 1, GENESIS_HASH);
    await storeLegacyEntry(caseId, 2, first.hash);
    await db.accessLog.append(newHandOut(caseId));

    const owners = await db.ownersPage(caseId);
    expect(owners.verification).toEqual({ valid: true, checked: 3 });
    expect(owners.entries[0]).toEqual(expect.objectContaining({ actorSub: 'CANARY-legacy-1@example.org' }));
    expect(owners.entries[0]).not.toHaveProperty('v');
    expect(owners.entries[2]).toMatchObject({ v: 2, seq: 3 });
    expect(await verifyAccessLog(overTheWire(owners.entries))).toEqual({ valid: true, checked: 3 });

    const holders = await db.holdersPage(caseId);
    expect(JSON.stringify(holders)).not.toContain('CANARY');
    expect(holders.entries[0]).toEqual({ seq: 1, withheld: true, prevHash: GENESIS_HASH, hash: first.hash });
    expect(holders.verification).toEqual({ valid: true, checked: 3, withheld: 2 });
    expect(await verifyAccessLogPage(overTheWire(holders), GENESIS_CHECKPOINT)).toMatchObject({
      valid: true,
      withheld: 2,
    });
  });
});
