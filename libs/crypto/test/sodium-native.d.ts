// Minimal typings for sodium-native (a dev dependency shipped without types):
// the native libsodium binding that the crypto SDK's tests compare against
// and bench/crypto measures as the baseline. Only the calls used are declared.
declare module 'sodium-native' {
  type Bytes = Uint8Array;
  const sodium: {
    readonly crypto_box_SEALBYTES: number;
    readonly crypto_box_PUBLICKEYBYTES: number;
    readonly crypto_box_SECRETKEYBYTES: number;
    readonly crypto_sign_BYTES: number;
    readonly crypto_sign_PUBLICKEYBYTES: number;
    readonly crypto_sign_SECRETKEYBYTES: number;
    readonly crypto_aead_xchacha20poly1305_ietf_ABYTES: number;
    randombytes_buf(buffer: Bytes): void;
    sodium_memzero(buffer: Bytes): void;
    /** Pads the first `unpaddedLength` bytes of `buffer` in place; returns the padded length. */
    sodium_pad(buffer: Bytes, unpaddedLength: number, blockSize: number): number;
    /** Returns the unpadded length of the first `paddedLength` bytes; throws on invalid padding. */
    sodium_unpad(buffer: Bytes, paddedLength: number, blockSize: number): number;
    crypto_box_keypair(pk: Bytes, sk: Bytes): void;
    crypto_box_seal(c: Bytes, m: Bytes, pk: Bytes): void;
    crypto_box_seal_open(m: Bytes, c: Bytes, pk: Bytes, sk: Bytes): boolean;
    crypto_sign_keypair(pk: Bytes, sk: Bytes): void;
    crypto_sign_detached(sig: Bytes, m: Bytes, sk: Bytes): void;
    crypto_sign_verify_detached(sig: Bytes, m: Bytes, pk: Bytes): boolean;
    crypto_generichash(output: Bytes, input: Bytes, key?: Bytes): void;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
      c: Bytes,
      m: Bytes,
      ad: Bytes | null,
      nsec: null,
      npub: Bytes,
      k: Bytes,
    ): number;
    crypto_aead_xchacha20poly1305_ietf_decrypt(
      m: Bytes,
      nsec: null,
      c: Bytes,
      ad: Bytes | null,
      npub: Bytes,
      k: Bytes,
    ): number;
  };
  export = sodium;
}
