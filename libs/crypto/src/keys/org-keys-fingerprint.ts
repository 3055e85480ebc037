import { canonicalJson } from '../canonical-json';
import { toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { KEY_ID_BYTES } from '../hash';
import { loadSodium, sodium } from '../sodium';
import { keyFingerprint } from './fingerprint';
import { type OrgPublicKeyRecord, parsePublicKeyRecord } from './org-keys';

/**
 * One fingerprint for a whole key version (organization, version, both
 * keys): BLAKE2b-128 of the record's canonical JSON, shown like a key
 * fingerprint. It is what staff read to each other by phone and what the
 * CLI pins: pinning only the signing key would leave the encryption key,
 * the one data keys are sealed to, unauthenticated.
 */
export async function orgKeysFingerprint(record: OrgPublicKeyRecord): Promise<string> {
  await loadSodium();
  return orgKeysFingerprintSync(parsePublicKeyRecord(record));
}

/** orgKeysFingerprint of a record already parsed, once libsodium is loaded. */
export function orgKeysFingerprintSync(record: OrgPublicKeyRecord): string {
  const digest = sodium().crypto_generichash(KEY_ID_BYTES, utf8Encode(canonicalJson(record)), null);
  return keyFingerprint(toBase64Url(digest));
}

/** A fingerprint as typed by a person: any case, spaces or none. Undefined if it is not 32 hex digits. */
export function normalizeFingerprint(typed: string): string | undefined {
  const hex = typed.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex.replace(/(.{4})(?=.)/g, '$1 ') : undefined;
}
