import { DecryptionFailedError } from '../errors';
import { randomBytes } from '../random';
import { sodium } from '../sodium';
import { type SectionContext, sectionAssociatedData } from './section-context';
import { padSectionContent, unpadSectionContent } from './section-padding';
import { SECTION_NONCE_BYTES } from './section-record';

export const DATA_KEY_BYTES = 32;

/** A fresh data key: 32 random bytes per (case, section, keyVersion). */
export function newDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES);
}

/**
 * Pads the content to its size bucket (section-padding.ts), then
 * XChaCha20-Poly1305 with a random 24-byte nonce: at that size random nonces
 * never collide in practice, so no counter has to be kept across devices
 * that share a data key.
 */
export function encryptSectionContent(
  plaintext: Uint8Array,
  context: SectionContext,
  dataKey: Uint8Array,
): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const s = sodium();
  const padded = padSectionContent(plaintext);
  try {
    const nonce = randomBytes(SECTION_NONCE_BYTES);
    const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
      padded,
      sectionAssociatedData(context),
      null,
      nonce,
      dataKey,
    );
    return { nonce, ciphertext };
  } finally {
    s.memzero(padded);
  }
}

/** Decrypts, then removes the padding; the caller wipes the result. */
export function decryptSectionContent(
  ciphertext: Uint8Array,
  nonce: Uint8Array,
  context: SectionContext,
  dataKey: Uint8Array,
): Uint8Array {
  const s = sodium();
  let padded: Uint8Array;
  try {
    padded = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext,
      sectionAssociatedData(context),
      nonce,
      dataKey,
    );
  } catch {
    // libsodium's own message is generic too, but say nothing it might add later.
    throw new DecryptionFailedError('section record');
  }
  try {
    return unpadSectionContent(padded);
  } finally {
    s.memzero(padded);
  }
}
