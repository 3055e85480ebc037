import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { MalformedInputError } from '../errors';
import { blake2b256 } from '../hash';
import { loadSodium } from '../sodium';
import { requireId, requireInstant, requireObject, requireVersionNumber } from '../validate';

/** Entry hashes are BLAKE2b-256 digests. */
export const ACCESS_LOG_HASH_BYTES = 32;

/**
 * One hand-out of an envelope: who (subject and organization) received which
 * section's key version, for which purpose, when. Entries are chained: each
 * names the hash of the one before, so a server that alters, removes or
 * reorders an entry breaks every hash after it (design: crypto-and-consent.md,
 * "Access log the client can check").
 */
export type AccessLogEntry = {
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
  /** accessLogEntryHash of the other fields. */
  readonly hash: string;
};

export type AccessLogEntryBody = Omit<AccessLogEntry, 'hash'>;

/** prevHash of the first entry: 32 zero bytes, base64url. */
export const GENESIS_HASH = toBase64Url(new Uint8Array(ACCESS_LOG_HASH_BYTES));

const BODY_FIELDS: readonly string[] = [
  'seq',
  'at',
  'actorSub',
  'actorOrg',
  'purpose',
  'section',
  'keyVersion',
  'prevHash',
];
const ENTRY_FIELDS: ReadonlySet<string> = new Set([...BODY_FIELDS, 'hash']);

/** BLAKE2b-256(prevHash bytes || UTF-8 of canonical JSON of the body), base64url. */
export async function accessLogEntryHash(body: AccessLogEntryBody): Promise<string> {
  await loadSodium();
  return hashOfBody(parseAccessLogEntryBody(body, 'access log entry'));
}

/** Synchronous accessLogEntryHash for a body already parsed, once libsodium is loaded. */
export function hashOfBody(body: AccessLogEntryBody): string {
  const previous = fromBase64Url(body.prevHash, 'prevHash', { length: ACCESS_LOG_HASH_BYTES });
  // Only the listed fields are hashed, whatever else the object carries, so a
  // stored document or a full entry hashes the same as the bare body.
  const { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash } = body;
  const json = utf8Encode(canonicalJson({ seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash }));
  const input = new Uint8Array(previous.length + json.length);
  input.set(previous);
  input.set(json, previous.length);
  return toBase64Url(blake2b256(input));
}

/** Checks every body field; fields the hash does not cover are ignored. */
export function parseAccessLogEntryBody(value: unknown, what: string): AccessLogEntryBody {
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

/**
 * A complete entry as a server returns it. Unknown fields are refused: the
 * hash does not cover them, so showing one to a person would present
 * unverified data as verified.
 */
export function parseAccessLogEntry(value: unknown, what: string): AccessLogEntry {
  const o = requireObject(value, what);
  if (Object.keys(o).some((key) => !ENTRY_FIELDS.has(key))) throw new MalformedInputError(`${what}: unknown field`);
  return { ...parseAccessLogEntryBody(o, what), hash: requireHash(o.hash, `${what}.hash`) };
}

export function requireHash(value: unknown, field: string): string {
  fromBase64Url(value, field, { length: ACCESS_LOG_HASH_BYTES });
  return value as string;
}
