import { toBase64Url } from './encoding/base64url';
import { sodium } from './sodium';

/** Key ids are 16-byte BLAKE2b digests: short enough for every envelope, wide enough not to collide. */
export const KEY_ID_BYTES = 16;

/** Key id of a public key: BLAKE2b-128 of its bytes, base64url. */
export function keyIdOf(publicKey: Uint8Array): string {
  return toBase64Url(sodium().crypto_generichash(KEY_ID_BYTES, publicKey, null));
}

/** BLAKE2b-256, the digest a section signature covers instead of the whole ciphertext. */
export function blake2b256(data: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, data, null);
}
