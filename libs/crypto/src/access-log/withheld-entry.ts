import { MalformedInputError } from '../errors';
import { requireKnownFields, requireObject, requireVersionNumber } from '../validate';
import { requireHash } from './chain-hash';
import { type AccessLogEntryV2, v2BodyOf } from './entry-v2';
import { type AccessLogEntry } from './access-log-entry';

/**
 * A v1 entry as a receipt holder is shown it: its place in the chain and its
 * link, nothing of who, what or when (a v1 entry names the staff member's
 * subject, and its hash covers it, so no part of it can be shown verifiably
 * without the subject). The holder can check that it sits at its seq, that
 * it names the previous entry's hash, and that the next entry names its
 * `hash`; not that `hash` is the hash of anything.
 */
export type WithheldAccessLogEntry = {
  readonly seq: number;
  readonly withheld: true;
  readonly prevHash: string;
  readonly hash: string;
};

/** What a receipt holder is shown: v2 entries without their disclosure, v1 entries withheld. */
export type ReceiptAccessLogEntry = AccessLogEntryV2 | WithheldAccessLogEntry;

const WITHHELD_FIELDS: readonly string[] = ['seq', 'withheld', 'prevHash', 'hash'];

export function parseWithheldEntry(value: unknown, what: string): WithheldAccessLogEntry {
  const o = requireObject(value, what);
  requireKnownFields(o, WITHHELD_FIELDS, what);
  if (o.withheld !== true) throw new MalformedInputError(`${what}.withheld: expected true`);
  return {
    seq: requireVersionNumber(o.seq, `${what}.seq`, 1),
    withheld: true,
    prevHash: requireHash(o.prevHash, `${what}.prevHash`),
    hash: requireHash(o.hash, `${what}.hash`),
  };
}

/**
 * The receipt holder's view of an entry: a v2 entry without actorSub and
 * actorSalt, a v1 entry withheld. Servers use it so that what a receipt code
 * shows never depends on which fields a caller remembered to drop.
 */
export function toReceiptHolderEntry(entry: AccessLogEntry): ReceiptAccessLogEntry {
  if (!('v' in entry)) return { seq: entry.seq, withheld: true, prevHash: entry.prevHash, hash: entry.hash };
  return { ...v2BodyOf(entry), hash: entry.hash };
}
