import { MalformedInputError } from '../errors';
import { loadSodium } from '../sodium';
import { requireObject, requireKnownFields } from '../validate';
import { actorSubDigestOf } from './actor-sub';
import { requireHash } from './chain-hash';
import { type AccessLogEntryV1, type AccessLogEntryV1Body, V1_ENTRY_FIELDS, hashOfV1, parseV1Body } from './entry-v1';
import {
  type AccessLogEntryV2,
  type AccessLogEntryV2Body,
  type DisclosedAccessLogEntryV2,
  DISCLOSURE_FIELDS,
  V2_ENTRY_FIELDS,
  hashOfV2,
  parseDisclosure,
  parseV2Body,
} from './entry-v2';

export { ACCESS_LOG_HASH_BYTES, GENESIS_HASH, requireHash } from './chain-hash';

/**
 * One hand-out of an envelope: who received which section's key version, for
 * which purpose, when. Entries are chained: each names the hash of the one
 * before, so a server that alters, removes or reorders an entry breaks every
 * hash after it (design: crypto-and-consent.md, "Access log the client can
 * check"). Two formats, told apart by `v`: v1 (none) names the staff member's
 * token subject, v2 the organization, the role and a salted digest of the
 * subject. A v2 entry may carry its disclosure (the owner's view).
 */
export type AccessLogEntry = AccessLogEntryV1 | AccessLogEntryV2 | DisclosedAccessLogEntryV2;

/** An entry without its `hash`, in either format. */
export type AccessLogEntryBody = AccessLogEntryV1Body | AccessLogEntryV2Body;

/** What the owner of a case is shown: v1 entries whole, v2 entries with their subject disclosed. */
export type OwnerAccessLogEntry = AccessLogEntryV1 | DisclosedAccessLogEntryV2;

/** BLAKE2b-256(prevHash bytes || UTF-8 of canonical JSON of the fields the body's format covers), base64url. */
export async function accessLogEntryHash(body: AccessLogEntryBody): Promise<string> {
  await loadSodium();
  return hashOfBody(parseAccessLogEntryBody(body, 'access log entry'));
}

/** Synchronous accessLogEntryHash for a body already parsed, once libsodium is loaded. */
export function hashOfBody(body: AccessLogEntryBody): string {
  return 'v' in body ? hashOfV2(body) : hashOfV1(body);
}

/** Checks every body field of the format `v` names; fields the hash does not cover are ignored. */
export function parseAccessLogEntryBody(value: unknown, what: string): AccessLogEntryBody {
  const o = requireObject(value, what);
  if (o.v === undefined) return parseV1Body(o, what);
  if (o.v === 2) return parseV2Body(o, what);
  throw new MalformedInputError(`${what}.v: unsupported format version`);
}

/**
 * A complete entry as a server returns it, in either format, a v2 entry with
 * or without its disclosure. Unknown fields are refused: the hash does not
 * cover them, so showing one to a person would present unverified data as
 * verified. (The disclosure is not covered either; verifyAccessLog checks it
 * against the digest.)
 */
export function parseAccessLogEntry(value: unknown, what: string): AccessLogEntry {
  const o = requireObject(value, what);
  const body = parseAccessLogEntryBody(o, what);
  const hash = requireHash(o.hash, `${what}.hash`);
  if (!('v' in body)) {
    requireKnownFields(o, V1_ENTRY_FIELDS, what);
    return { ...body, hash };
  }
  requireKnownFields(o, [...V2_ENTRY_FIELDS, ...DISCLOSURE_FIELDS], what);
  const disclosed = parseDisclosure(o, what);
  return disclosed === undefined ? { ...body, hash } : { ...body, hash, ...disclosed };
}

/** True when a parsed v2 entry carries a disclosure that does not open its digest. Needs libsodium loaded. */
export function disclosureMismatch(entry: AccessLogEntry): boolean {
  if (!('v' in entry) || !('actorSub' in entry)) return false;
  return actorSubDigestOf(entry.actorSalt, entry.actorSub) !== entry.actorSubDigest;
}
