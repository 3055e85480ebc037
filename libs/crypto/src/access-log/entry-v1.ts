import { requireId, requireInstant, requireObject, requireVersionNumber } from '../validate';
import { chainHash, requireHash } from './chain-hash';

/**
 * The first entry format (no `v`): it names the staff member by their token
 * subject in the clear. Still appended by nothing, still verified: entries
 * already stored in it are part of their cases' chains forever. Only the
 * owner is shown them whole; a receipt holder sees them withheld.
 */
export type AccessLogEntryV1Body = {
  readonly seq: number;
  /** ISO 8601 UTC instant. */
  readonly at: string;
  readonly actorSub: string;
  readonly actorOrg: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
  /** Hash of entry seq - 1, or GENESIS_HASH for seq 1. */
  readonly prevHash: string;
};

export type AccessLogEntryV1 = AccessLogEntryV1Body & { readonly hash: string };

export const V1_ENTRY_FIELDS: readonly string[] = [
  'seq',
  'at',
  'actorSub',
  'actorOrg',
  'purpose',
  'section',
  'keyVersion',
  'prevHash',
  'hash',
];

export function parseV1Body(value: unknown, what: string): AccessLogEntryV1Body {
  const o = requireObject(value, what);
  return {
    seq: requireVersionNumber(o.seq, `${what}.seq`, 1),
    at: requireInstant(o.at, `${what}.at`),
    actorSub: requireId(o.actorSub, `${what}.actorSub`),
    actorOrg: requireId(o.actorOrg, `${what}.actorOrg`),
    purpose: requireId(o.purpose, `${what}.purpose`),
    section: requireId(o.section, `${what}.section`),
    keyVersion: requireVersionNumber(o.keyVersion, `${what}.keyVersion`, 1),
    prevHash: requireHash(o.prevHash, `${what}.prevHash`),
  };
}

/** Only the listed fields, whatever else the object carries: a stored document hashes as its bare body. */
export function hashOfV1(body: AccessLogEntryV1Body): string {
  const { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash } = body;
  return chainHash(prevHash, { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash });
}
