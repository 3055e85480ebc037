import { ownersChain } from '../../test/access-log-chains';
import { type AccessLogEntry, GENESIS_HASH } from './access-log-entry';
import { type AccessLogHead, GENESIS_CHECKPOINT } from './verification';
import { verifyAccessLogPage } from './verify-access-log-page';
import { verifyAccessLogPages } from './verify-access-log-pages';
import { toReceiptHolderEntry } from './withheld-entry';

const headOf = (entry: AccessLogEntry | undefined): AccessLogHead =>
  entry ? { seq: entry.seq, hash: entry.hash } : GENESIS_CHECKPOINT;

/** The page a server answers `after` with, as JSON: entries after it, at most `limit`, and its head. */
function pageOf(chain: readonly object[], after: number, limit: number, head: AccessLogHead): unknown {
  return JSON.parse(JSON.stringify({ entries: chain.slice(after, after + limit), head }));
}

describe('verifyAccessLogPage', () => {
  it('verifies a page from the genesis and from a checkpoint, and says when it reached the head', async () => {
    const chain = await ownersChain(7, { legacy: 2 });
    const head = headOf(chain[6]);
    expect(await verifyAccessLogPage(pageOf(chain, 0, 3, head), GENESIS_CHECKPOINT)).toEqual({
      valid: true,
      checked: 3,
      checkpoint: headOf(chain[2]),
      complete: false,
    });
    expect(await verifyAccessLogPage(pageOf(chain, 3, 10, head), headOf(chain[2]))).toEqual({
      valid: true,
      checked: 4,
      checkpoint: head,
      complete: true,
    });
    // Nothing new since the checkpoint: an empty page at the head.
    expect(await verifyAccessLogPage(pageOf(chain, 7, 10, head), head)).toEqual({
      valid: true,
      checked: 0,
      checkpoint: head,
      complete: true,
    });
    expect(await verifyAccessLogPage(pageOf([], 0, 10, GENESIS_CHECKPOINT), GENESIS_CHECKPOINT)).toMatchObject({
      valid: true,
      complete: true,
    });
  });

  it('verifies the receipt holder’s page, counting withheld entries', async () => {
    const chain = (await ownersChain(5, { legacy: 2 })).map(toReceiptHolderEntry);
    expect(
      await verifyAccessLogPage(
        pageOf(chain, 1, 10, headOf(chain[4] as AccessLogEntry)),
        headOf(chain[0] as AccessLogEntry),
      ),
    ).toMatchObject({
      valid: true,
      checked: 4,
      withheld: 1,
      complete: true,
    });
  });

  it('refuses a page that does not start right after the caller’s checkpoint', async () => {
    const chain = await ownersChain(6);
    const head = headOf(chain[5]);
    // The server started elsewhere than asked: a gap, or entries the caller has already.
    expect(await verifyAccessLogPage(pageOf(chain, 3, 10, head), headOf(chain[1]))).toMatchObject({
      valid: false,
      checked: 0,
      brokenAtSeq: 3,
      reason: 'SEQ_GAP',
    });
    expect(await verifyAccessLogPage(pageOf(chain, 1, 10, head), headOf(chain[2]))).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: 'SEQ_ORDER',
    });
    // The entry the caller remembers was rewritten: the next one no longer names it.
    const other = await ownersChain(6);
    expect(await verifyAccessLogPage(pageOf(other, 3, 10, headOf(other[5])), headOf(chain[2]))).toMatchObject({
      valid: false,
      checked: 0,
      brokenAtSeq: 4,
      reason: 'PREV_HASH_MISMATCH',
      checkpoint: headOf(chain[2]),
    });
  });

  it('detects an altered entry in the page and keeps the checkpoint before it', async () => {
    const chain = await ownersChain(5);
    const page = pageOf(chain, 2, 10, headOf(chain[4])) as { entries: Record<string, unknown>[] };
    page.entries[1] = { ...page.entries[1], purpose: 'CANARY' };
    const result = await verifyAccessLogPage(page, headOf(chain[1]));
    expect(result).toEqual({
      valid: false,
      checked: 1,
      brokenAtSeq: 4,
      reason: 'HASH_MISMATCH',
      checkpoint: headOf(chain[2]),
      complete: false,
    });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('checks the page against the server’s head', async () => {
    const chain = await ownersChain(5);
    const head = headOf(chain[4]);
    // Newest entries deleted, head record intact: the last page stops short, or comes back empty.
    expect(await verifyAccessLogPage(pageOf(chain.slice(0, 3), 3, 10, head), headOf(chain[2]))).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: 'HEAD_MISSING',
    });
    // The caller who knows the limit it asked with sees the cut in the short page itself.
    expect(
      await verifyAccessLogPage(pageOf(chain.slice(0, 4), 0, 10, head), GENESIS_CHECKPOINT, { limit: 10 }),
    ).toMatchObject({ valid: false, checked: 4, brokenAtSeq: 5, reason: 'HEAD_MISSING' });
    expect(await verifyAccessLogPage(pageOf(chain.slice(0, 4), 0, 10, head), GENESIS_CHECKPOINT)).toMatchObject({
      valid: true,
      complete: false,
    });
    expect(await verifyAccessLogPage(pageOf(chain, 0, 4, head), GENESIS_CHECKPOINT, { limit: 4 })).toMatchObject({
      valid: true,
      complete: false,
    });
    // A head that is not the entry at its seq.
    expect(
      await verifyAccessLogPage(pageOf(chain, 0, 10, { seq: 4, hash: GENESIS_HASH }), GENESIS_CHECKPOINT),
    ).toMatchObject({
      valid: false,
      checked: 5,
      brokenAtSeq: 4,
      reason: 'HEAD_MISMATCH',
    });
    expect(await verifyAccessLogPage(pageOf(chain, 5, 10, { seq: 5, hash: GENESIS_HASH }), head)).toMatchObject({
      valid: false,
      reason: 'HEAD_MISMATCH',
    });
    // A head behind what the caller verified before: entries it saw are gone.
    expect(await verifyAccessLogPage(pageOf(chain, 5, 10, headOf(chain[2])), head)).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: 'HEAD_MISSING',
    });
  });

  it('checks a remembered head in the page that reaches it, and a log cut before it', async () => {
    const chain = await ownersChain(6);
    const head = headOf(chain[5]);
    const remembered = headOf(chain[3]);
    expect(
      await verifyAccessLogPage(pageOf(chain, 0, 2, head), GENESIS_CHECKPOINT, { expectedHead: remembered }),
    ).toMatchObject({
      valid: true,
    });
    expect(
      await verifyAccessLogPage(pageOf(chain, 2, 2, head), headOf(chain[1]), { expectedHead: remembered }),
    ).toMatchObject({
      valid: true,
    });
    const rewritten = await ownersChain(6);
    expect(
      await verifyAccessLogPage(pageOf(rewritten, 0, 10, headOf(rewritten[5])), GENESIS_CHECKPOINT, {
        expectedHead: remembered,
      }),
    ).toMatchObject({ valid: false, brokenAtSeq: 4, reason: 'HEAD_MISMATCH' });
    // Entries 3.. deleted and the head moved back with them.
    expect(
      await verifyAccessLogPage(pageOf(chain.slice(0, 2), 0, 10, headOf(chain[1])), GENESIS_CHECKPOINT, {
        expectedHead: remembered,
      }),
    ).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'HEAD_MISSING' });
  });

  it('reports malformed pages, heads and checkpoints as MALFORMED', async () => {
    const chain = await ownersChain(2);
    const head = headOf(chain[1]);
    const pages: unknown[] = [
      null,
      chain,
      { entries: 'x', head },
      { entries: chain },
      { entries: chain, head: { seq: 2, hash: 'AAAA' } },
      { entries: chain, head: { seq: 0, hash: head.hash } },
    ];
    for (const page of pages)
      expect(await verifyAccessLogPage(page, GENESIS_CHECKPOINT)).toMatchObject({ valid: false, reason: 'MALFORMED' });
    expect(await verifyAccessLogPage(pageOf(chain, 0, 10, head), { seq: -1, hash: GENESIS_HASH })).toMatchObject({
      valid: false,
      reason: 'MALFORMED',
    });
  });
});

describe('verifyAccessLogPages', () => {
  /** A server answering `after` from `chain` in pages of `limit`, recording what was asked. */
  function server(chain: readonly object[], limit: number, head: AccessLogHead) {
    const asked: number[] = [];
    const fetchPage = (after: number): Promise<unknown> => {
      asked.push(after);
      return Promise.resolve(pageOf(chain, after, limit, head));
    };
    return { asked, fetchPage };
  }

  it('walks every page from the previous page’s last entry and adds the results up', async () => {
    const chain = (await ownersChain(7, { legacy: 3 })).map(toReceiptHolderEntry);
    const head = headOf(chain[6] as AccessLogEntry);
    const { asked, fetchPage } = server(chain, 3, head);
    expect(await verifyAccessLogPages(fetchPage)).toEqual({
      valid: true,
      checked: 7,
      withheld: 3,
      entries: 7,
      pages: 3,
      checkpoint: head,
    });
    expect(asked).toEqual([0, 3, 6]);
    const empty = server([], 3, GENESIS_CHECKPOINT);
    expect(await verifyAccessLogPages(empty.fetchPage)).toMatchObject({ valid: true, checked: 0, pages: 1 });
  });

  it('starts from a checkpoint the caller verified before', async () => {
    const chain = await ownersChain(7);
    const { asked, fetchPage } = server(chain, 3, headOf(chain[6]));
    expect(await verifyAccessLogPages(fetchPage, { from: headOf(chain[4]) })).toMatchObject({
      valid: true,
      checked: 2,
    });
    expect(asked).toEqual([5]);
  });

  it('stops at the first break, with its seq counted over the whole log', async () => {
    const chain = await ownersChain(7);
    const altered = chain.map((entry) => (entry.seq === 5 ? { ...entry, section: 'health' } : entry));
    const { fetchPage } = server(altered, 3, headOf(chain[6]));
    expect(await verifyAccessLogPages(fetchPage)).toEqual({
      valid: false,
      checked: 4,
      entries: 6,
      pages: 2,
      checkpoint: headOf(chain[3]),
      brokenAtSeq: 5,
      reason: 'HASH_MISMATCH',
    });
    const cut = server(chain.slice(0, 5), 3, headOf(chain[6]));
    expect(await verifyAccessLogPages(cut.fetchPage, { expectedHead: headOf(chain[5]) })).toMatchObject({
      valid: false,
      brokenAtSeq: 6,
      reason: 'HEAD_MISSING',
    });
  });
});
