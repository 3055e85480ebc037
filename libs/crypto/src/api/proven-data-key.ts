import { type KeyEnvelope, openDataKey } from '../envelope/envelope';
import { CRYPTO_ERROR_CODES, CryptoError, KeyMismatchError } from '../errors';
import { type OrgKeys, type SigningKey } from '../keys/org-keys';
import { decryptSectionContent } from '../section/section-aead';
import { type SectionRecord } from '../section/section-record';
import { sodium } from '../sodium';
import { verifiedSectionRecord } from './open-section';

export interface ProveDataKeyInput {
  /** A record of the section at the envelope's key version, as the server handed it. */
  readonly record: SectionRecord;
  readonly envelope: KeyEnvelope;
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** The record's author's signing key, from the key directory. */
  readonly authorSigningKey: SigningKey;
}

/**
 * Opens my envelope and proves that its data key is the one the author-signed
 * record was encrypted with, by decrypting that record (the plaintext is
 * wiped at once). Sealed boxes are anonymous: anyone holding my public key,
 * a server included, can seal me a key of their own, and whatever I then
 * encrypt or re-seal under it is theirs to read. Needs initCrypto(); the
 * caller wipes the returned key.
 */
export function provenDataKey(input: ProveDataKeyInput): Uint8Array {
  const decoded = verifiedSectionRecord(input.record, input.authorSigningKey);
  const dataKey = openDataKey(input.envelope, input.myKeys, decoded.record);
  try {
    sodium().memzero(decryptSectionContent(decoded.ciphertext, decoded.nonce, decoded.record, dataKey));
    return dataKey;
  } catch (error) {
    sodium().memzero(dataKey);
    if (error instanceof CryptoError && error.code === CRYPTO_ERROR_CODES.DECRYPTION_FAILED)
      throw new KeyMismatchError('envelope: its data key does not open the signed record (not the section key)');
    throw error;
  }
}
