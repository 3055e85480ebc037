import { MalformedInputError } from '../errors';
import { loadSodium } from '../sodium';
import { requireObject, requireVersionNumber } from '../validate';
import { type AccessLogEntry, GENESIS_HASH, hashOfBody, parseAccessLogEntry, requireHash } from './access-log-entry';

/**
 * Why a chain does not verify. Codes only: the result is shown and logged,
 * and must not quote the values it found.
 * - MALFORMED: not an array, an entry (or the expected head) of the wrong shape or encoding;
 * - SEQ_GAP: an entry is missing (seq jumps ahead of its position, and the skipped one is nowhere);
 * - SEQ_ORDER: entries repeated or out of order (seq behind its position, or the skipped one comes later);
 * - PREV_HASH_MISMATCH: an entry does not name the previous entry's hash;
 * - HASH_MISMATCH: an entry's fields were changed after it was hashed;
 * - HEAD_MISSING: the chain ends before the expected head (newest entries deleted);
 * - HEAD_MISMATCH: the entry at the head's seq is not the one the head names (chain rewritten).
 */
export const ACCESS_LOG_BREAK_REASONS = [
  'MALFORMED',
  'SEQ_GAP',
  'SEQ_ORDER',
  'PREV_HASH_MISMATCH',
  'HASH_MISMATCH',
  'HEAD_MISSING',
  'HEAD_MISMATCH',
] as const;

export type AccessLogBreakReason = (typeof ACCESS_LOG_BREAK_REASONS)[number];

export interface AccessLogVerification {
  readonly valid: boolean;
  /** Entries verified from seq 1 before the first break (all of them when valid). */
  readonly checked: number;
  /** The first seq at which the chain is not intact. */
  readonly brokenAtSeq?: number;
  readonly reason?: AccessLogBreakReason;
}

/** The newest entry someone saw earlier (a client's memory, the server's head record). */
export interface AccessLogHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Verifies a whole chain: entries in seq order from 1 with no gaps, each
 * linked to the previous hash and hashing to its own `hash`. Alone that
 * cannot tell a chain from the same chain with its newest entries cut off, so
 * `expectedHead` is a lower bound: an entry with that seq and hash must be
 * there (entries after it are fine: the log only grows). Never throws on
 * what a server sent; it reports the first break instead.
 */
export async function verifyAccessLog(entries: unknown, expectedHead?: AccessLogHead): Promise<AccessLogVerification> {
  await loadSodium();
  if (!Array.isArray(entries)) return { valid: false, checked: 0, reason: 'MALFORMED' };
  const head = expectedHead === undefined ? undefined : tryParse(() => parseHead(expectedHead));
  if (expectedHead !== undefined && head === undefined) return { valid: false, checked: 0, reason: 'MALFORMED' };

  const list = entries as readonly unknown[];
  const chain: AccessLogEntry[] = [];
  for (const [index, value] of list.entries()) {
    const seq = index + 1;
    const entry = tryParse(() => parseAccessLogEntry(value, 'access log entry'));
    if (entry === undefined) return broken('MALFORMED', index, seq);
    const reason = linkBreak(entry, seq, chain[index - 1]?.hash ?? GENESIS_HASH, list, index);
    if (reason !== undefined) return broken(reason, index, seq);
    chain.push(entry);
  }

  if (head !== undefined) {
    const atHead = chain[head.seq - 1];
    if (atHead === undefined) return broken('HEAD_MISSING', chain.length, chain.length + 1);
    if (atHead.hash !== head.hash) return broken('HEAD_MISMATCH', chain.length, head.seq);
  }
  return { valid: true, checked: chain.length };
}

function linkBreak(
  entry: AccessLogEntry,
  seq: number,
  prevHash: string,
  list: readonly unknown[],
  index: number,
): AccessLogBreakReason | undefined {
  // Ahead of its position: the expected entry is either further on (moved) or nowhere (removed).
  if (entry.seq > seq) return list.some((value, at) => at > index && hasSeq(value, seq)) ? 'SEQ_ORDER' : 'SEQ_GAP';
  if (entry.seq < seq) return 'SEQ_ORDER';
  // Strict base64url decoding admits one spelling per value, so comparing strings compares bytes.
  if (entry.prevHash !== prevHash) return 'PREV_HASH_MISMATCH';
  if (hashOfBody(entry) !== entry.hash) return 'HASH_MISMATCH';
  return undefined;
}

function hasSeq(value: unknown, seq: number): boolean {
  return typeof value === 'object' && value !== null && (value as { seq?: unknown }).seq === seq;
}

function broken(reason: AccessLogBreakReason, checked: number, brokenAtSeq: number): AccessLogVerification {
  return { valid: false, checked, brokenAtSeq, reason };
}

function parseHead(value: unknown): AccessLogHead {
  const o = requireObject(value, 'expected head');
  return { seq: requireVersionNumber(o.seq, 'expected head.seq', 1), hash: requireHash(o.hash, 'expected head.hash') };
}

/** Malformed input becomes a result; any other error (libsodium missing) still throws. */
function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MalformedInputError) return undefined;
    throw error;
  }
}
