import { MalformedInputError } from '../errors';
import { loadSodium } from '../sodium';
import { requireObject } from '../validate';
import { tryParse, walkChain } from './chain-walk';
import { type AccessLogHead, type AccessLogVerification, broken, intact, parseHead } from './verification';

export interface AccessLogPageVerification extends AccessLogVerification {
  /**
   * The newest entry accepted (`from` itself when none was): verify the next
   * page from it, and remember it to verify from next time.
   */
  readonly checkpoint: AccessLogHead;
  /** The page reached the server's head: nothing after it is there to read yet. */
  readonly complete: boolean;
}

export interface AccessLogPageOptions {
  /**
   * A lower bound remembered from earlier, as verifyAccessLog's
   * expectedHead: the page that reaches its seq must hold it, and a log
   * whose head is behind it has lost entries. One at or before `from` was
   * the business of the pages before (only its equality with `from` is checked).
   */
  readonly expectedHead?: AccessLogHead;
  /**
   * The `limit` the page was asked with: a page shorter than it that stops
   * before the head was cut. Without it, such a page looks like one of
   * several, and the next (empty) page shows the cut.
   */
  readonly limit?: number;
}

/**
 * Verifies one page of a log (`{entries, head}` as GET
 * /cases/:caseId/access-log?after= or POST /receipts/lookup return it) from
 * the caller's own checkpoint `from`: the entry at `from.seq` as the caller
 * verified it earlier, or GENESIS_CHECKPOINT. The page's entries must be
 * from.seq + 1, + 2, ... linked from `from.hash`, each as verifyAccessLog
 * checks it; and against the server's `head`: the entry at head.seq has
 * head.hash, a head behind `from` has lost entries the caller saw, and an
 * empty page before the head means the entries in between are gone. Only
 * the page is hashed, so a client verifies a growing log incrementally.
 * Never throws on what a server sent.
 */
export async function verifyAccessLogPage(
  page: unknown,
  from: AccessLogHead,
  options: AccessLogPageOptions = {},
): Promise<AccessLogPageVerification> {
  await loadSodium();
  const start = tryParse(() => parseHead(from, 'checkpoint'));
  const parsed = tryParse(() => parsePage(page, options.expectedHead));
  if (start === undefined || parsed === undefined)
    return { ...broken('MALFORMED', 0, 0), checkpoint: from, complete: false };
  const { entries, head, expected } = parsed;
  const at = (verification: AccessLogVerification, checkpoint = start): AccessLogPageVerification => ({
    ...verification,
    checkpoint,
    complete: verification.valid && checkpoint.seq >= head.seq,
  });

  if (head.seq < start.seq) return at(broken('HEAD_MISSING', 0, 0, head.seq + 1));
  if (head.seq === start.seq && head.hash !== start.hash) return at(broken('HEAD_MISMATCH', 0, 0, head.seq));
  if (expected?.seq === start.seq && expected.hash !== start.hash) return at(broken('HEAD_MISMATCH', 0, 0, start.seq));

  const walk = walkChain(entries, start);
  const { links, withheld } = walk;
  const last = links.at(-1) ?? start;
  if (walk.broken) return at(broken(walk.broken.reason, links.length, withheld, walk.broken.seq), last);
  const linkAt = (seq: number): AccessLogHead | undefined => links[seq - start.seq - 1];

  if (links.length === 0 && start.seq < head.seq) return at(broken('HEAD_MISSING', 0, 0, start.seq + 1));
  if (options.limit !== undefined && links.length < options.limit && last.seq < head.seq)
    return at(broken('HEAD_MISSING', links.length, withheld, last.seq + 1), last);
  if (head.seq > start.seq && head.seq <= last.seq && linkAt(head.seq)?.hash !== head.hash)
    return at(broken('HEAD_MISMATCH', links.length, withheld, head.seq), last);
  if (expected !== undefined && expected.seq > start.seq) {
    const seen = linkAt(expected.seq);
    if (seen !== undefined && seen.hash !== expected.hash)
      return at(broken('HEAD_MISMATCH', links.length, withheld, expected.seq), last);
    // The server's head is behind what the caller saw before: the entries in between are gone.
    if (seen === undefined && expected.seq > head.seq)
      return at(broken('HEAD_MISSING', links.length, withheld, Math.max(head.seq, last.seq) + 1), last);
  }
  return at(intact(links.length, withheld), last);
}

function parsePage(
  page: unknown,
  expectedHead: AccessLogHead | undefined,
): { entries: readonly unknown[]; head: AccessLogHead; expected: AccessLogHead | undefined } {
  const o = requireObject(page, 'access log page');
  if (!Array.isArray(o.entries)) throw new MalformedInputError('access log page.entries: expected an array');
  return {
    entries: o.entries as readonly unknown[],
    head: parseHead(o.head, 'access log page.head'),
    expected: expectedHead === undefined ? undefined : parseHead(expectedHead, 'expected head'),
  };
}
