import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { MalformedInputError } from '../errors';
import { blake2b256 } from '../hash';
import { type OrgPublicKeyRecord, parsePublicKeyRecord } from '../keys/org-keys';
import { loadSodium } from '../sodium';
import { requireId, requireInstant, requireKeyId, requireObject, requireVersionNumber } from '../validate';
import { type KeyRotationProof } from './key-history';

/** Log hashes are BLAKE2b-256 digests. */
export const DIRECTORY_LOG_HASH_BYTES = 32;

/** The hash a log of size 0 ends in, and the one entry 1 follows: 32 zero bytes, base64url. */
export const DIRECTORY_LOG_GENESIS = toBase64Url(new Uint8Array(DIRECTORY_LOG_HASH_BYTES));

/** Where a reader stands in the log: how many entries, and the hash of the last one. */
export type DirectoryLogPosition = { readonly size: number; readonly hash: string };

/**
 * One change of the key directory: an organization's key version, as
 * registered. Entries are numbered from 1 without gaps, and each hash covers
 * the previous one, so the log can only grow at its end: a server that edits,
 * drops or reorders an entry changes every hash after it.
 */
export type DirectoryLogEntry = {
  readonly index: number;
  readonly orgId: string;
  readonly keyVersion: number;
  readonly record: OrgPublicKeyRecord;
  /** Absent for key version 1. */
  readonly rotation?: KeyRotationProof;
  /** ISO 8601 UTC instant. */
  readonly registeredAt: string;
  /** directoryLogEntryHash of the entry, chained to the previous hash. */
  readonly hash: string;
};

export type DirectoryLogEntryBody = Omit<DirectoryLogEntry, 'hash'>;

/** BLAKE2b-256(previous hash bytes || UTF-8 of the canonical JSON of the body), base64url. */
export function directoryLogEntryHash(previousHash: string, body: DirectoryLogEntryBody): string {
  const previous = fromBase64Url(previousHash, 'previous hash', { length: DIRECTORY_LOG_HASH_BYTES });
  // Field by field: a stored document's other fields never reach the hash.
  const { index, orgId, keyVersion, record, rotation, registeredAt } = body;
  const json = utf8Encode(
    canonicalJson({ index, orgId, keyVersion, record, registeredAt, ...(rotation ? { rotation } : {}) }),
  );
  const input = new Uint8Array(previous.length + json.length);
  input.set(previous);
  input.set(json, previous.length);
  return toBase64Url(blake2b256(input));
}

const ENTRY_FIELDS: ReadonlySet<string> = new Set([
  'index',
  'orgId',
  'keyVersion',
  'record',
  'rotation',
  'registeredAt',
  'hash',
]);

/** A log entry as a server returns it; unknown fields are refused (the hash would not cover them). */
export function parseDirectoryLogEntry(value: unknown, what: string): DirectoryLogEntry {
  const o = requireObject(value, what);
  if (Object.keys(o).some((key) => !ENTRY_FIELDS.has(key))) throw new MalformedInputError(`${what}: unknown field`);
  const record = parsePublicKeyRecord(o.record);
  const orgId = requireId(o.orgId, `${what}.orgId`);
  const keyVersion = requireVersionNumber(o.keyVersion, `${what}.keyVersion`, 1);
  if (record.orgId !== orgId || record.keyVersion !== keyVersion)
    throw new MalformedInputError(`${what}: the record is not the entry's organization and version`);
  const rotation = o.rotation === undefined ? undefined : parseRotation(o.rotation, `${what}.rotation`);
  if ((rotation === undefined) !== (keyVersion === 1))
    throw new MalformedInputError(`${what}: a rotation signature goes with every version after 1, and only those`);
  return {
    index: requireVersionNumber(o.index, `${what}.index`, 1),
    orgId,
    keyVersion,
    record,
    ...(rotation ? { rotation } : {}),
    registeredAt: requireInstant(o.registeredAt, `${what}.registeredAt`),
    hash: requireLogHash(o.hash, `${what}.hash`),
  };
}

function parseRotation(value: unknown, what: string): KeyRotationProof {
  const o = requireObject(value, what);
  return {
    signedByKeyId: requireKeyId(o.signedByKeyId, `${what}.signedByKeyId`),
    signature: requireId(o.signature, `${what}.signature`),
  };
}

export function requireLogHash(value: unknown, field: string): string {
  fromBase64Url(value, field, { length: DIRECTORY_LOG_HASH_BYTES });
  return value as string;
}

/** Why entries do not extend a position: a gap or reorder, or a hash that does not recompute. */
export class DirectoryLogBrokenError extends MalformedInputError {
  constructor(readonly atIndex: number) {
    super(`key directory log: entry ${atIndex} does not extend the entries before it`);
  }
}

/**
 * Checks that `entries` continue the log from `from`: numbered from
 * `from.size + 1` on, each hash recomputed from the one before. Returns the
 * parsed entries and the position they end at (`from` when there are none).
 */
export async function extendDirectoryLog(
  from: DirectoryLogPosition,
  entries: readonly unknown[],
): Promise<{ entries: DirectoryLogEntry[]; position: DirectoryLogPosition }> {
  await loadSodium();
  const parsed: DirectoryLogEntry[] = [];
  let position = from;
  for (const [offset, value] of entries.entries()) {
    const entry = parseDirectoryLogEntry(value, `key directory log entry ${from.size + offset + 1}`);
    if (entry.index !== position.size + 1 || directoryLogEntryHash(position.hash, entry) !== entry.hash)
      throw new DirectoryLogBrokenError(position.size + 1);
    parsed.push(entry);
    position = { size: entry.index, hash: entry.hash };
  }
  return { entries: parsed, position };
}
