import { MalformedInputError } from '../errors';
import { requireObject, requireVersionNumber } from '../validate';
import { GENESIS_HASH, requireHash } from './chain-hash';

/**
 * Why a chain does not verify. Codes only: the result is shown and logged,
 * and must not quote the values it found.
 * - MALFORMED: not an array, an entry (or a head or checkpoint) of the wrong shape or encoding;
 * - SEQ_GAP: an entry is missing (seq jumps ahead of its position, and the skipped one is nowhere);
 * - SEQ_ORDER: entries repeated or out of order (seq behind its position, or the skipped one comes later);
 * - PREV_HASH_MISMATCH: an entry does not name the previous entry's hash;
 * - HASH_MISMATCH: an entry's fields were changed after it was hashed;
 * - ACTOR_SUB_MISMATCH: a v2 entry's disclosed actorSub and actorSalt do not open its actorSubDigest;
 * - HEAD_MISSING: the chain ends before the expected head (newest entries deleted);
 * - HEAD_MISMATCH: the entry at the head's seq is not the one the head names (chain rewritten).
 */
export const ACCESS_LOG_BREAK_REASONS = [
  'MALFORMED',
  'SEQ_GAP',
  'SEQ_ORDER',
  'PREV_HASH_MISMATCH',
  'HASH_MISMATCH',
  'ACTOR_SUB_MISMATCH',
  'HEAD_MISSING',
  'HEAD_MISMATCH',
] as const;

export type AccessLogBreakReason = (typeof ACCESS_LOG_BREAK_REASONS)[number];

export interface AccessLogVerification {
  readonly valid: boolean;
  /** Entries accepted before the first break (all of them when valid), withheld ones included. */
  readonly checked: number;
  /**
   * Of those, how many were withheld (v1 entries in a receipt holder's
   * view): in their place and linked, but their hash not recomputed. Absent
   * when none were, so a log without any reads exactly as before.
   */
  readonly withheld?: number;
  /** The first seq at which the chain is not intact. */
  readonly brokenAtSeq?: number;
  readonly reason?: AccessLogBreakReason;
}

/** An entry someone saw: a client's memory, the server's head record, a checkpoint to verify on from. */
export interface AccessLogHead {
  readonly seq: number;
  readonly hash: string;
}

/** Where every chain starts: "entry 0", whose hash is GENESIS_HASH. */
export const GENESIS_CHECKPOINT: AccessLogHead = { seq: 0, hash: GENESIS_HASH };

/** A head or checkpoint from outside; seq 0 only with the genesis hash. */
export function parseHead(value: unknown, what: string): AccessLogHead {
  const o = requireObject(value, what);
  const head = { seq: requireVersionNumber(o.seq, `${what}.seq`, 0), hash: requireHash(o.hash, `${what}.hash`) };
  if (head.seq === 0 && head.hash !== GENESIS_HASH) throw new MalformedInputError(`${what}: seq 0 is the genesis`);
  return head;
}

export function intact(checked: number, withheld: number): AccessLogVerification {
  return { valid: true, checked, ...withheldCount(withheld) };
}

export function broken(
  reason: AccessLogBreakReason,
  checked: number,
  withheld: number,
  brokenAtSeq?: number,
): AccessLogVerification {
  return {
    valid: false,
    checked,
    ...withheldCount(withheld),
    ...(brokenAtSeq === undefined ? {} : { brokenAtSeq }),
    reason,
  };
}

function withheldCount(withheld: number): { withheld?: number } {
  return withheld > 0 ? { withheld } : {};
}
