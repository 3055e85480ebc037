import { type FormatVersion, FORMAT_VERSION, SIGNATURE_ALG } from '../algorithms';
import { KeyMismatchError, MalformedInputError } from '../errors';
import { type OrgPublicKeyRecord, parsePublicKeyRecord } from '../keys/org-keys';
import { orgKeysFingerprintSync } from '../keys/org-keys-fingerprint';
import { verifyKeyRotation } from '../keys/key-rotation';
import { loadSodium } from '../sodium';
import { requireId, requireKeyId, requireObject } from '../validate';

/** The part of a rotation statement the directory keeps beside the new record. */
export type KeyRotationProof = { readonly signedByKeyId: string; readonly signature: string };

/** One version of an organization's keys as the directory serves its history. */
export type KeyHistoryVersion = {
  readonly record: OrgPublicKeyRecord;
  /** Absent for version 1, which nothing before it can sign. */
  readonly rotation?: KeyRotationProof;
};

/** The version a client trusts without proof: version 1 on first use, or one a person confirmed by phone. */
export type KeyAnchor = { readonly keyVersion: number; readonly fingerprint: string };

export const KEY_HISTORY_PROBLEMS = ['not-anchored', 'unchained'] as const;
export type KeyHistoryProblem = (typeof KEY_HISTORY_PROBLEMS)[number];

/**
 * A history that does not lead from the anchor to the current keys:
 * `not-anchored` when the anchored version's keys are not the ones trusted
 * (a changed key), `unchained` when a later version is not signed by the one
 * before it (a key nobody holding the previous key registered).
 */
export class KeyHistoryError extends KeyMismatchError {
  constructor(
    readonly problem: KeyHistoryProblem,
    readonly keyVersion: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks an organization's key history from `anchor` (default: whatever
 * version 1 is, trusted on first use) to its newest version: contiguous
 * versions of that organization, each after the anchor signed by the one
 * before. Returns every version's record, oldest first; versions before the
 * anchor are validated but not vouched for.
 */
export async function verifyKeyHistory(
  orgId: string,
  history: unknown,
  anchor?: KeyAnchor,
): Promise<OrgPublicKeyRecord[]> {
  await loadSodium();
  if (!Array.isArray(history) || history.length === 0)
    throw new MalformedInputError('key history: expected a non-empty array');
  const versions = history.map((entry, index) => parseVersion(entry, `key history[${index}]`));
  versions.forEach(({ record }, index) => {
    if (record.orgId !== orgId) throw new KeyMismatchError('key history: a version of another organization');
    if (record.keyVersion !== index + 1) throw new MalformedInputError('key history: versions must run 1, 2, 3, ...');
  });
  const from = anchor?.keyVersion ?? 1;
  const anchored = versions[from - 1];
  if (!anchored)
    throw new KeyHistoryError('not-anchored', from, `key history: has no version ${from}, the one trusted`);
  if (anchor && orgKeysFingerprintSync(anchored.record) !== anchor.fingerprint)
    throw new KeyHistoryError('not-anchored', from, `key history: version ${from} is not the one trusted`);
  for (let index = from; index < versions.length; index++) {
    const { record, rotation } = versions[index] as ParsedVersion;
    const previous = (versions[index - 1] as ParsedVersion).record;
    try {
      if (!rotation) throw new MalformedInputError('no rotation signature');
      await verifyKeyRotation(statementOf(record, rotation), previous);
    } catch {
      throw new KeyHistoryError(
        'unchained',
        record.keyVersion,
        `key history: version ${record.keyVersion} is not signed by version ${previous.keyVersion}`,
      );
    }
  }
  return versions.map(({ record }) => record);
}

type ParsedVersion = { record: OrgPublicKeyRecord; rotation: KeyRotationProof | undefined };

function parseVersion(value: unknown, what: string): ParsedVersion {
  const o = requireObject(value, what);
  const record = parsePublicKeyRecord(o.record);
  if (o.rotation === undefined || o.rotation === null) return { record, rotation: undefined };
  const rotation = requireObject(o.rotation, `${what}.rotation`);
  return {
    record,
    rotation: {
      signedByKeyId: requireKeyId(rotation.signedByKeyId, `${what}.rotation.signedByKeyId`),
      signature: requireId(rotation.signature, `${what}.rotation.signature`),
    },
  };
}

function statementOf(
  record: OrgPublicKeyRecord,
  rotation: KeyRotationProof,
): { v: FormatVersion; alg: typeof SIGNATURE_ALG; record: OrgPublicKeyRecord } & KeyRotationProof {
  return { v: FORMAT_VERSION, alg: SIGNATURE_ALG, record, ...rotation };
}
