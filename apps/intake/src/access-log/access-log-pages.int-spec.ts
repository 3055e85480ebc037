import { verifyAccessLogPages } from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { AccessLogTestDb, newHandOut, overTheWire } from '../../test/access-log-db';

const run = uuidv7().slice(-12);

describe('access log pages (real MongoDB)', () => {
  let db: AccessLogTestDb;

  beforeAll(async () => {
    db = await AccessLogTestDb.open('pages');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  }, 60_000);

  it('serves pages up to the head, each verified from the entry it starts after, not from the first', async () => {
    const caseId = `paged-${run}`;
    for (let i = 0; i < 7; i++) await db.accessLog.append(newHandOut(caseId));
    const pages = [
      await db.ownersPage(caseId, { after: 0, limit: 3 }),
      await db.ownersPage(caseId, { after: 3, limit: 3 }),
      await db.ownersPage(caseId, { after: 6, limit: 3 }),
      await db.ownersPage(caseId, { after: 7, limit: 3 }),
    ];
    expect(pages.map((page) => page.entries.map((entry) => entry.seq))).toEqual([[1, 2, 3], [4, 5, 6], [7], []]);
    for (const page of pages) expect(page.head).toEqual({ seq: 7, hash: pages[2]?.entries[0]?.hash });
    expect(pages.map((page) => page.verification)).toEqual([
      { valid: true, checked: 3 },
      { valid: true, checked: 3 },
      { valid: true, checked: 1 },
      { valid: true, checked: 0 },
    ]);
    // A client walking the log page by page, from its own checkpoints.
    const walked = await verifyAccessLogPages(async (after) =>
      overTheWire(await db.holdersPage(caseId, { after, limit: 3 })),
    );
    expect(walked).toMatchObject({ valid: true, checked: 7, pages: 3, checkpoint: pages[0]?.head });

    // An altered entry shows in the pages that hold it, and no later page rehashes it.
    await db.entries.updateOne({ caseId, seq: 2 }, { $set: { section: 'health' } });
    expect((await db.ownersPage(caseId, { after: 0, limit: 3 })).verification).toMatchObject({
      valid: false,
      brokenAtSeq: 2,
      reason: 'HASH_MISMATCH',
    });
    expect((await db.ownersPage(caseId, { after: 3, limit: 3 })).verification).toEqual({ valid: true, checked: 3 });
    expect(await db.ownersPage(caseId, { after: 9, limit: 3 })).toMatchObject({
      entries: [],
      verification: { valid: false, brokenAtSeq: 8, reason: 'HEAD_MISSING' },
    });
  }, 30_000);
});
