import { uuidv7 } from '@app/contracts';
import { AccessLogTestDb, newHandOut } from '../../test/access-log-db';

const run = uuidv7().slice(-12);

describe('access log: repeated hand-outs (real MongoDB)', () => {
  let db: AccessLogTestDb;

  beforeAll(async () => {
    db = await AccessLogTestDb.open('dedupe');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  }, 60_000);

  it('logs a repeated identical hand-out once per window, and a different one anew', async () => {
    const caseId = `repeated-${run}`;
    db.clock = new Date('2026-03-01T10:15:00.000Z');
    const handOut = newHandOut(caseId);
    const first = await db.accessLog.append(handOut);
    for (let i = 0; i < 5; i++) expect(await db.accessLog.append(handOut)).toEqual(first);
    db.clock = new Date('2026-03-01T10:59:59.999Z');
    expect(await db.accessLog.append(handOut)).toEqual(first);
    // The same reader with another key version, or another section, is another hand-out.
    expect((await db.accessLog.append({ ...handOut, keyVersion: 2 })).seq).toBe(2);
    expect((await db.accessLog.append({ ...handOut, section: 'identity' })).seq).toBe(3);
    db.clock = new Date('2026-03-01T11:00:00.000Z');
    expect(await db.accessLog.append(handOut)).toMatchObject({ seq: 4, at: db.clock.toISOString() });
    expect((await db.ownersPage(caseId)).verification).toEqual({ valid: true, checked: 4 });
    // The dedupe key is a digest: the subject is stored once, in the entry, for the owner.
    const stored = await db.entries.findOne({ caseId, seq: 1 });
    expect(stored?.dedupeKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(stored?.dedupeKey)).not.toContain('CANARY');
  }, 30_000);

  it('lets one reader in a loop neither grow the log nor crowd another reader out (ACCESS_LOG.CONTENDED)', async () => {
    const caseId = `looping-${run}`;
    db.clock = new Date('2026-03-01T12:30:00.000Z');
    const looping = newHandOut(caseId);
    await db.accessLog.append(newHandOut(caseId));
    const reads = [
      ...Array.from({ length: 40 }, () => db.accessLog.append(looping)),
      db.accessLog.append(newHandOut(caseId, { actorOrg: 'org_other' })),
      ...Array.from({ length: 40 }, () => db.accessLog.append(looping)),
    ];
    const settled = await Promise.allSettled(reads);
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
    const page = await db.ownersPage(caseId);
    expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(page.entries.filter((entry) => entry.actorOrg === 'org_other')).toHaveLength(1);
    expect(page.verification).toEqual({ valid: true, checked: 3 });
  }, 60_000);
});
