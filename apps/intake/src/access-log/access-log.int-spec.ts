import { type AccessLogEntryV1Body, GENESIS_CHECKPOINT, accessLogEntryHash, verifyAccessLog } from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { ownerScope, receiptHolderScope } from '../cases/domain/case-scope';
import { AccessLogTestDb, FIRST_PAGE, OWNER, newHandOut, overTheWire } from '../../test/access-log-db';

const run = uuidv7().slice(-12);

describe('access log chain (real MongoDB)', () => {
  let db: AccessLogTestDb;

  beforeAll(async () => {
    db = await AccessLogTestDb.open('chain');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  }, 60_000);

  it('keeps one linear chain through concurrent appends', async () => {
    const caseId = `case-${run}`;
    for (let i = 0; i < 3; i++) await db.accessLog.append(newHandOut(caseId));
    // Both read seq 3 as the newest; the unique index lets one take seq 4, the other retries.
    const racing = await Promise.all([
      db.accessLog.append(newHandOut(caseId)),
      db.accessLog.append(newHandOut(caseId)),
    ]);
    expect(racing.map((entry) => entry.seq).sort()).toEqual([4, 5]);

    const intact = await db.ownersPage(caseId);
    expect(intact.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(intact.verification).toEqual({ valid: true, checked: 5 });
    expect(intact.head).toEqual({ seq: 5, hash: intact.entries[4]?.hash });
    // The client's own check of what the endpoint would send.
    expect(await verifyAccessLog(overTheWire(intact.entries))).toEqual({ valid: true, checked: 5 });
    expect(await db.heads.findOne({ _id: caseId as never })).toMatchObject({
      seq: 5,
      hash: intact.entries[4]?.hash,
    });

    await db.entries.updateOne({ caseId, seq: 3 }, { $set: { purpose: 'shelter_placement' } });
    expect((await db.ownersPage(caseId)).verification).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'HASH_MISMATCH',
    });
    await db.entries.updateOne({ caseId, seq: 3 }, { $set: { purpose: 'legal_representation' } });
    expect((await db.ownersPage(caseId)).verification.valid).toBe(true);

    const middle = await db.entries.findOneAndDelete({ caseId, seq: 3 });
    expect((await db.ownersPage(caseId)).verification).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'SEQ_GAP',
    });
    if (middle) await db.entries.insertOne(middle);
    expect((await db.ownersPage(caseId)).verification.valid).toBe(true);

    await db.entries.deleteOne({ caseId, seq: 5 });
    const cut = await db.ownersPage(caseId);
    expect(cut.entries).toHaveLength(4);
    expect(cut.verification).toEqual({ valid: false, checked: 4, brokenAtSeq: 5, reason: 'HEAD_MISSING' });
  }, 30_000);

  it('keeps the chain linear when many hand-outs of one case race', async () => {
    const caseId = `busy-${run}`;
    const appended = await Promise.all(Array.from({ length: 6 }, () => db.accessLog.append(newHandOut(caseId))));
    expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await db.ownersPage(caseId)).verification).toEqual({ valid: true, checked: 6 });
  }, 30_000);

  it('catches a head left behind by a crash between the two writes, and never moves it back', async () => {
    const caseId = `crashed-${run}`;
    const first = await db.accessLog.append(newHandOut(caseId));
    // What a crash after the insert leaves: entry 2 stored, the head still at 1.
    const { caseId: _case, actorRole: _role, ...who } = newHandOut(caseId);
    const body: AccessLogEntryV1Body = { ...who, seq: 2, at: new Date().toISOString(), prevHash: first.hash };
    const orphan = { ...body, hash: await accessLogEntryHash(body) };
    expect(await db.repository.insert(caseId, orphan)).toBe(true);
    // A read follows the entries past the head that extend it, and shows them.
    expect(await db.ownersPage(caseId)).toMatchObject({ head: { seq: 2 }, verification: { valid: true, checked: 2 } });

    const third = await db.accessLog.append(newHandOut(caseId));
    expect(third).toMatchObject({ seq: 3, prevHash: orphan.hash });
    expect(await db.repository.head(caseId)).toEqual({ seq: 3, hash: third.hash });
    // A stale advance (what the crashed append would have done) does not move it back.
    await db.repository.advanceHead(
      caseId,
      { seq: first.seq, hash: first.hash },
      { seq: orphan.seq, hash: orphan.hash },
    );
    expect(await db.repository.head(caseId)).toEqual({ seq: 3, hash: third.hash });
  }, 30_000);

  it('refuses to append to a log that no longer extends from its head', async () => {
    const caseId = `forged-${run}`;
    await db.accessLog.append(newHandOut(caseId));
    await db.accessLog.append(newHandOut(caseId));
    // The head left at 1 (as by a crash) and an entry 2 that does not extend entry 1 (tampering).
    await db.heads.updateOne(
      { _id: caseId as never },
      { $set: { seq: 1, hash: (await db.ownersPage(caseId)).entries[0]?.hash } },
    );
    await db.entries.updateOne({ caseId, seq: 2 }, { $set: { prevHash: 'A'.repeat(42) + 'E' } });
    await expect(db.accessLog.append(newHandOut(caseId))).rejects.toMatchObject({ code: 'ACCESS_LOG.BROKEN' });
    // Reads show what still verifies: up to the head.
    expect(await db.ownersPage(caseId)).toMatchObject({ head: { seq: 1 }, verification: { valid: true, checked: 1 } });
  }, 30_000);

  it('shows an empty, valid log for a case nobody has read', async () => {
    expect(await db.ownersPage(`unread-${run}`)).toEqual({
      entries: [],
      head: GENESIS_CHECKPOINT,
      verification: { valid: true, checked: 0 },
    });
  });

  it('shows the log only in its scope: the owner, or the holder of one of its receipt codes', async () => {
    const caseId = `scoped-${run}`;
    await db.caseOf(caseId);
    await db.accessLog.append(newHandOut(caseId));
    expect((await db.ownersPage(caseId)).entries).toHaveLength(1);
    expect((await db.holdersPage(caseId)).entries).toHaveLength(1);
    expect(await db.reader.ownersPage(ownerScope('org_other'), caseId, FIRST_PAGE)).toBeUndefined();
    expect(
      await db.reader.receiptHoldersPage(receiptHolderScope('hash-of-another-code'), caseId, FIRST_PAGE),
    ).toBeUndefined();
    expect(await db.reader.ownersPage(OWNER, `no-such-case-${run}`, FIRST_PAGE)).toBeUndefined();
  });

  it('keeps the log readable after the case is erased, by the owner and by the receipt holder', async () => {
    const caseId = `erased-${run}`;
    await db.caseOf(caseId);
    await db.accessLog.append(newHandOut(caseId));
    await db.connection.collection('cases').updateOne(
      { _id: caseId as never },
      {
        $unset: { consents: '' },
        $set: { erasedAt: new Date(), erasure: { receiptCodeHashes: [`hash-${caseId}`] } },
      },
    );
    expect((await db.reader.ownersPage(OWNER, caseId, FIRST_PAGE))?.verification).toEqual({ valid: true, checked: 1 });
    expect((await db.holdersPage(caseId)).entries).toHaveLength(1);
    expect(await db.reader.ownersPage(ownerScope('org_other'), caseId, FIRST_PAGE)).toBeUndefined();
  });
});
