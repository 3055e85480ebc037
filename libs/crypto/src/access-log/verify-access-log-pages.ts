import {
  type AccessLogPageOptions,
  type AccessLogPageVerification,
  verifyAccessLogPage,
} from './verify-access-log-page';
import { type AccessLogHead, type AccessLogVerification, GENESIS_CHECKPOINT, broken, intact } from './verification';

/** Fetches the page of entries after `after` (a seq), as the server answers it. */
export type AccessLogPageFetcher = (after: number) => Promise<unknown>;

export interface AccessLogPagesVerification extends AccessLogVerification {
  /** Entries received, over all pages (withheld ones included). */
  readonly entries: number;
  readonly pages: number;
  /** The newest entry accepted: remember it, and verify from it next time. */
  readonly checkpoint: AccessLogHead;
}

export interface AccessLogPagesOptions extends AccessLogPageOptions {
  /** Where to start: a checkpoint verified earlier (default: the genesis, the whole log). */
  readonly from?: AccessLogHead;
}

/**
 * Reads and verifies a log page by page up to the server's head, each page
 * from the last entry of the one before (verifyAccessLogPage), and adds up
 * the results as one verification of the log from `from`. Stops at the first
 * break. Every page either reaches the head, advances, or is a break, so the
 * walk ends.
 */
export async function verifyAccessLogPages(
  fetchPage: AccessLogPageFetcher,
  options: AccessLogPagesOptions = {},
): Promise<AccessLogPagesVerification> {
  let from = options.from ?? GENESIS_CHECKPOINT;
  let total = { checked: 0, withheld: 0, entries: 0, pages: 0 };
  for (;;) {
    const page = await fetchPage(from.seq);
    const result: AccessLogPageVerification = await verifyAccessLogPage(page, from, options);
    total = {
      checked: total.checked + result.checked,
      withheld: total.withheld + (result.withheld ?? 0),
      entries: total.entries + entriesIn(page),
      pages: total.pages + 1,
    };
    const { entries, pages, checked, withheld } = total;
    const summary = { entries, pages, checkpoint: result.checkpoint };
    if (!result.valid)
      return { ...broken(result.reason ?? 'MALFORMED', checked, withheld, result.brokenAtSeq), ...summary };
    if (result.complete || result.checkpoint.seq === from.seq) return { ...intact(checked, withheld), ...summary };
    from = result.checkpoint;
  }
}

function entriesIn(page: unknown): number {
  const entries = (page as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) ? entries.length : 0;
}
