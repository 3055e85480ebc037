import { type FormatVersion, FORMAT_VERSION, SIGNATURE_ALG, assertFormat } from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { KeyMismatchError, MalformedInputError, SignatureInvalidError } from '../errors';
import { loadSodium, sodium } from '../sodium';
import { requireKnownFields, requireObject } from '../validate';
import {
  type OrgKeys,
  type OrgPublicKeyRecord,
  PUBLIC_KEY_BYTES,
  generateOrgKeys,
  parsePublicKeyRecord,
  toPublicKeyRecord,
} from './org-keys';

const SIGNATURE_BYTES = 64;

/**
 * Registration of a new key version: the new public key record, signed by
 * the organization's current signing key over the record's canonical JSON,
 * so the key directory can tell it comes from whoever holds the current key
 * (and not from someone who only stole a session or a server account).
 */
export interface KeyRotationStatement {
  readonly v: FormatVersion;
  readonly alg: typeof SIGNATURE_ALG;
  readonly record: OrgPublicKeyRecord;
  /** Signing key id of the version being replaced. */
  readonly signedByKeyId: string;
  readonly signature: string;
}

export interface KeyRotation {
  /** The new private keys: add them to the keyfile, keep the old ones to open old envelopes. */
  readonly keys: OrgKeys;
  readonly statement: KeyRotationStatement;
}

export async function rotateOrgKeys(current: OrgKeys): Promise<KeyRotation> {
  const keys = await generateOrgKeys(current.orgId, current.keyVersion + 1);
  const record = toPublicKeyRecord(keys);
  const signature = sodium().crypto_sign_detached(recordBytes(record), current.signing.privateKey);
  return {
    keys,
    statement: {
      v: FORMAT_VERSION,
      alg: SIGNATURE_ALG,
      record,
      signedByKeyId: current.signing.keyId,
      signature: toBase64Url(signature),
    },
  };
}

const KEY_ROTATION_FIELDS = [
  'v',
  'alg',
  'record',
  'signedByKeyId',
  'signature',
] as const satisfies readonly (keyof KeyRotationStatement)[];

/**
 * Checks a rotation against the organization's current directory record:
 * same organization, the next version, signed by the current signing key.
 * Returns the validated new record to store.
 */
export async function verifyKeyRotation(statement: unknown, current: OrgPublicKeyRecord): Promise<OrgPublicKeyRecord> {
  await loadSodium();
  const o = requireObject(statement, 'key rotation');
  assertFormat(o, SIGNATURE_ALG, 'key rotation');
  requireKnownFields(o, KEY_ROTATION_FIELDS, 'key rotation');
  const record = parsePublicKeyRecord(o.record);
  const currentRecord = parsePublicKeyRecord(current);
  if (record.orgId !== currentRecord.orgId) throw new KeyMismatchError('key rotation: different organization');
  if (record.keyVersion !== currentRecord.keyVersion + 1) {
    throw new MalformedInputError('key rotation: keyVersion must follow the current one');
  }
  if (o.signedByKeyId !== currentRecord.signingKeyId)
    throw new KeyMismatchError('key rotation: not signed by the current key');
  const signature = fromBase64Url(o.signature, 'signature', { length: SIGNATURE_BYTES });
  const signer = fromBase64Url(currentRecord.signingPublicKey, 'signingPublicKey', { length: PUBLIC_KEY_BYTES });
  if (!sodium().crypto_sign_verify_detached(signature, recordBytes(record), signer)) {
    throw new SignatureInvalidError('key rotation');
  }
  return record;
}

function recordBytes(record: OrgPublicKeyRecord): Uint8Array {
  return utf8Encode(canonicalJson(record));
}
