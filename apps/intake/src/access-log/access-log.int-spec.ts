import { type DynamicModule, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import mongoose, { type Collection, type Connection } from 'mongoose';
import { type AccessLogEntry, accessLogEntryHash, verifyAccessLog } from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { MONGO_CONNECTION } from '@app/persistence';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { AccessLog, type AccessLogAppend } from './application/access-log.service';
import { AccessLogRepository } from './persistence/access-log.repository';
import { type AccessLogChain } from './application/access-log.service';
import { type AccessLogScope, ownerScope, receiptHolderScope } from '../cases/domain/case-scope';

const run = uuidv7().slice(-12);
const database = `access_log_test_${run}`;

/** Stands in for PlatformModule: the one global provider the access log's store needs. */
@Module({})
class TestDatabaseModule {
  static with(connection: Connection): DynamicModule {
    return {
      module: TestDatabaseModule,
      global: true,
      providers: [{ provide: MONGO_CONNECTION, useValue: connection }],
      exports: [MONGO_CONNECTION],
    };
  }
}

let handOuts = 0;
function newHandOut(caseId: string): AccessLogAppend {
  handOuts += 1;
  return {
    caseId,
    actorSub: `worker-${handOuts}`,
    actorOrg: 'org_legal',
    purpose: 'legal_representation',
    section: 'legal',
    keyVersion: 1,
  };
}

const OWNER = ownerScope('org_owner');

describe('access log (real MongoDB)', () => {
  let connection: Connection;
  let moduleRef: TestingModule;
  let accessLog: AccessLog;
  let raw: Collection;

  /** A case for the log to belong to: the owner's, with one consent's receipt code hash. */
  async function caseOf(caseId: string, extra: Record<string, unknown> = {}): Promise<void> {
    await connection
      .collection('cases')
      .updateOne(
        { _id: caseId as never },
        { $setOnInsert: { ownerOrgId: OWNER.orgId, consents: [{ receiptCodeHash: `hash-${caseId}` }], ...extra } },
        { upsert: true },
      );
  }

  async function chainOf(caseId: string, scope: AccessLogScope = OWNER): Promise<AccessLogChain> {
    await caseOf(caseId);
    const chain = await accessLog.chain(scope, caseId);
    if (!chain) throw new Error(`the log of ${caseId} is out of the scope`);
    return chain;
  }

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    moduleRef = await Test.createTestingModule({
      // The log's own providers, without the owner's HTTP read (which needs the cases feature).
      imports: [TestDatabaseModule.with(connection)],
      providers: [AccessLogRepository, AccessLog],
    }).compile();
    await moduleRef.init();
    accessLog = moduleRef.get(AccessLog);
    raw = connection.collection('access_log');
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  }, 60_000);

  // Then it detects altered, removed and cut-off entries.
  it('keeps one linear chain through concurrent appends', async () => {
    const caseId = `case-${run}`;
    for (let i = 0; i < 3; i++) await accessLog.append(newHandOut(caseId));
    // Both read seq 3 as the newest; the unique index lets one take seq 4, the other retries.
    const racing = await Promise.all([accessLog.append(newHandOut(caseId)), accessLog.append(newHandOut(caseId))]);
    expect(racing.map((entry) => entry.seq).sort()).toEqual([4, 5]);

    const intact = await chainOf(caseId);
    expect(intact.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(intact.verification).toEqual({ valid: true, checked: 5 });
    // The client's own check of what the endpoint would send.
    expect(await verifyAccessLog(JSON.parse(JSON.stringify(intact.entries)))).toEqual({ valid: true, checked: 5 });
    expect(await connection.collection('access_log_heads').findOne({ _id: caseId as never })).toMatchObject({
      seq: 5,
      hash: intact.entries[4]?.hash,
    });

    await raw.updateOne({ caseId, seq: 3 }, { $set: { purpose: 'shelter_placement' } });
    expect((await chainOf(caseId)).verification).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'HASH_MISMATCH',
    });
    await raw.updateOne({ caseId, seq: 3 }, { $set: { purpose: 'legal_representation' } });
    expect((await chainOf(caseId)).verification.valid).toBe(true);

    const middle = await raw.findOneAndDelete({ caseId, seq: 3 });
    expect((await chainOf(caseId)).verification).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'SEQ_GAP',
    });
    if (middle) await raw.insertOne(middle);
    expect((await chainOf(caseId)).verification.valid).toBe(true);

    await raw.deleteOne({ caseId, seq: 5 });
    const cut = await chainOf(caseId);
    expect(cut.entries).toHaveLength(4);
    expect(cut.verification).toEqual({ valid: false, checked: 4, brokenAtSeq: 5, reason: 'HEAD_MISSING' });
  }, 30_000);

  it('keeps the chain linear when many hand-outs of one case race', async () => {
    const caseId = `busy-${run}`;
    const appended = await Promise.all(Array.from({ length: 6 }, () => accessLog.append(newHandOut(caseId))));
    expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await chainOf(caseId)).verification).toEqual({ valid: true, checked: 6 });
  }, 30_000);

  it('catches a head left behind by a crash between the two writes, and never moves it back', async () => {
    const caseId = `crashed-${run}`;
    const first = await accessLog.append(newHandOut(caseId));
    // What a crash after the insert leaves: entry 2 stored, the head still at 1.
    const body = { ...newHandOut(caseId), seq: 2, at: new Date().toISOString(), prevHash: first.hash };
    const orphan: AccessLogEntry = {
      seq: body.seq,
      at: body.at,
      actorSub: body.actorSub,
      actorOrg: body.actorOrg,
      purpose: body.purpose,
      section: body.section,
      keyVersion: body.keyVersion,
      prevHash: body.prevHash,
      hash: await accessLogEntryHash(body),
    };
    expect(await moduleRef.get(AccessLogRepository).insert(caseId, orphan)).toBe(true);
    expect((await chainOf(caseId)).verification).toEqual({ valid: true, checked: 2 });

    const third = await accessLog.append(newHandOut(caseId));
    expect(third).toMatchObject({ seq: 3, prevHash: orphan.hash });
    expect(await moduleRef.get(AccessLogRepository).head(caseId)).toEqual({ seq: 3, hash: third.hash });
    // A stale advance (what the crashed append would have done) does not move it back.
    await moduleRef
      .get(AccessLogRepository)
      .advanceHead(caseId, { seq: first.seq, hash: first.hash }, { seq: orphan.seq, hash: orphan.hash });
    expect(await moduleRef.get(AccessLogRepository).head(caseId)).toEqual({ seq: 3, hash: third.hash });
  }, 30_000);

  it('refuses to append to a log that no longer extends from its head', async () => {
    const caseId = `forged-${run}`;
    await accessLog.append(newHandOut(caseId));
    await accessLog.append(newHandOut(caseId));
    // The head left at 1 (as by a crash) and an entry 2 that does not extend entry 1 (tampering).
    await connection
      .collection('access_log_heads')
      .updateOne({ _id: caseId as never }, { $set: { seq: 1, hash: (await chainOf(caseId)).entries[0]?.hash } });
    await raw.updateOne({ caseId, seq: 2 }, { $set: { prevHash: 'A'.repeat(42) + 'E' } });
    await expect(accessLog.append(newHandOut(caseId))).rejects.toMatchObject({ code: 'ACCESS_LOG.BROKEN' });
  }, 30_000);

  it('shows an empty, valid log for a case nobody has read', async () => {
    expect(await chainOf(`unread-${run}`)).toEqual({ entries: [], verification: { valid: true, checked: 0 } });
  });

  it('shows the log only in its scope: the owner, or the holder of one of its receipt codes', async () => {
    const caseId = `scoped-${run}`;
    await caseOf(caseId);
    await accessLog.append(newHandOut(caseId));
    expect((await chainOf(caseId, OWNER)).entries).toHaveLength(1);
    expect((await chainOf(caseId, receiptHolderScope(`hash-${caseId}`))).entries).toHaveLength(1);
    expect(await accessLog.chain(ownerScope('org_other'), caseId)).toBeUndefined();
    expect(await accessLog.chain(receiptHolderScope('hash-of-another-code'), caseId)).toBeUndefined();
    expect(await accessLog.chain(OWNER, `no-such-case-${run}`)).toBeUndefined();
  });

  it('keeps the log readable after the case is erased, by the owner and by the receipt holder', async () => {
    const caseId = `erased-${run}`;
    await caseOf(caseId);
    await accessLog.append(newHandOut(caseId));
    await connection.collection('cases').updateOne(
      { _id: caseId as never },
      {
        $unset: { consents: '' },
        $set: { erasedAt: new Date(), erasure: { receiptCodeHashes: [`hash-${caseId}`] } },
      },
    );
    expect((await accessLog.chain(OWNER, caseId))?.verification).toEqual({ valid: true, checked: 1 });
    expect((await accessLog.chain(receiptHolderScope(`hash-${caseId}`), caseId))?.entries).toHaveLength(1);
    expect(await accessLog.chain(ownerScope('org_other'), caseId)).toBeUndefined();
  });
});
