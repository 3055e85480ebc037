import { type AccessLogHead, type AccessLogVerification } from '@app/crypto';

/** A page is at most this long; a longer log is read in several, each verified from the one before. */
export const ACCESS_LOG_PAGE_LIMITS = { default: 100, max: 500 } as const;

/** Which entries: those after seq `after` (0: from the first), at most `limit`. */
export interface AccessLogPageRequest {
  readonly after: number;
  readonly limit: number;
}

/**
 * One page of a log: its entries, the head (the newest entry, up to which
 * pages are served), and intake's verification of the page from the entry
 * at `after` (as stored; the client verifies from its own memory).
 */
export interface AccessLogPage<Entry> {
  readonly entries: Entry[];
  readonly head: AccessLogHead;
  readonly verification: AccessLogVerification;
}
