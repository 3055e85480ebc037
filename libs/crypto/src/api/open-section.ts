import { type KeyEnvelope, openDataKey } from '../envelope/envelope';
import { KeyMismatchError, StaleVersionError } from '../errors';
import { keyIdOf } from '../hash';
import { type OrgKeys, type SigningKey, PUBLIC_KEY_BYTES } from '../keys/org-keys';
import { decryptSectionContent } from '../section/section-aead';
import { type DecodedSectionRecord, type SectionRecord, decodeSectionRecord } from '../section/section-record';
import { verifySectionSignature } from '../section/section-signature';
import { loadSodium } from '../sodium';

export interface OpenSectionInput {
  readonly record: SectionRecord;
  /** My organization's envelope for the record's case, section and key version. */
  readonly envelope: KeyEnvelope;
  /** My key versions; the one the envelope names is used. */
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** The author's signing key, from the key directory (see lookupAuthorKey). */
  readonly authorSigningKey: SigningKey;
  /**
   * The newest version of this case's section the reader has opened or
   * written before. A signature proves who wrote a record, not that it is
   * still current: without this, a server could hand out a version it has
   * since replaced (say, the address before the client moved).
   */
  readonly seen?: SeenVersion;
}

export interface SeenVersion {
  readonly contentVersion: number;
  readonly keyVersion: number;
}

/** Whether `version` comes before `seen`: content version first, then key version. */
export function isOlderThan(version: SeenVersion, seen: SeenVersion): boolean {
  return (
    version.contentVersion < seen.contentVersion ||
    (version.contentVersion === seen.contentVersion && version.keyVersion < seen.keyVersion)
  );
}

/**
 * Verifies the author's signature, then opens the envelope and decrypts.
 * The signature comes first: content nobody vouches for is never decrypted.
 * A record older than `seen` is refused (STALE_VERSION).
 * Returns the plaintext bytes (utf8Decode for text).
 */
export async function openSection(input: OpenSectionInput): Promise<Uint8Array> {
  const s = await loadSodium();
  const decoded = verifiedSectionRecord(input.record, input.authorSigningKey);
  const { record } = decoded;
  if (input.seen && isOlderThan(record, input.seen)) throw new StaleVersionError('section record');
  const dataKey = openDataKey(input.envelope, input.myKeys, record);
  try {
    return decryptSectionContent(decoded.ciphertext, decoded.nonce, record, dataKey);
  } finally {
    s.memzero(dataKey);
  }
}

/** Validates a record and checks its signature against the author's key; throws on any mismatch. */
export function verifiedSectionRecord(value: unknown, authorSigningKey: SigningKey): DecodedSectionRecord {
  const decoded = decodeSectionRecord(value);
  const { record } = decoded;
  if (authorSigningKey.orgId !== record.authorOrgId || authorSigningKey.keyId !== record.authorKeyId) {
    throw new KeyMismatchError('section record: signed by another organization or key');
  }
  // The directory's word for which key an id names is checked, not trusted.
  const publicKey = authorSigningKey.publicKey;
  if (
    !(publicKey instanceof Uint8Array) ||
    publicKey.length !== PUBLIC_KEY_BYTES ||
    keyIdOf(publicKey) !== authorSigningKey.keyId
  ) {
    throw new KeyMismatchError('author signing key: key id is not the hash of its key');
  }
  verifySectionSignature(record, decoded.ciphertext, decoded.signature, publicKey);
  return decoded;
}

/** How the caller's key directory is asked for an author's signing key. */
export type SigningKeyLookup = (
  orgId: string,
  keyId: string,
) => Promise<SigningKey | undefined> | SigningKey | undefined;

/** The signing key a record names, from the caller's directory; KEY_MISMATCH if it has none. */
export async function lookupAuthorKey(record: SectionRecord, lookup: SigningKeyLookup): Promise<SigningKey> {
  const key = await lookup(record.authorOrgId, record.authorKeyId);
  if (!key) throw new KeyMismatchError('section record: author key unknown to the key directory');
  return key;
}
