import { MalformedInputError, UnsupportedAlgorithmError, UnsupportedVersionError } from './errors';

// Every encrypted, sealed or signed object names its algorithm and format
// version, so that a later SDK can add algorithms while refusing, by name,
// anything it does not know. Only these values exist today.

export const FORMAT_VERSION = 1 as const;
export type FormatVersion = typeof FORMAT_VERSION;

/**
 * Section records are at format 2: the content is padded to a size bucket
 * before encryption (section-padding.ts). Format 1 (unpadded) is refused as
 * an unsupported version; no data was ever written in it outside tests.
 */
export const SECTION_FORMAT_VERSION = 2 as const;
export type SectionFormatVersion = typeof SECTION_FORMAT_VERSION;

/** Section content: XChaCha20-Poly1305 (IETF), 24-byte random nonce. */
export const SECTION_ALG = 'xchacha20poly1305-ietf' as const;
/** Data key envelopes: libsodium sealed box (X25519, XSalsa20-Poly1305). */
export const ENVELOPE_ALG = 'x25519-xsalsa20poly1305-seal' as const;
/** Organization public key records: X25519 to receive keys, Ed25519 to sign. */
export const ORG_KEY_ALG = 'x25519-ed25519' as const;
/** Detached signatures (key rotation statements). */
export const SIGNATURE_ALG = 'ed25519' as const;
/** Keyfile encryption: the AEAD used for sections, keyed by the KDF below. */
export const KEYFILE_ALG = SECTION_ALG;
/** Keyfile key derivation: Argon2id v1.3. */
export const KEYFILE_KDF_ALG = 'argon2id13' as const;

/** Checks `v` first (a future version may redefine `alg`), then `alg`. */
export function assertFormat<A extends string>(
  object: Record<string, unknown>,
  alg: A,
  what: string,
  version: number = FORMAT_VERSION,
): void {
  assertVersion(object.v, what, version);
  assertAlgorithm(object.alg, alg, what);
}

export function assertVersion(v: unknown, what: string, version: number = FORMAT_VERSION): void {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new MalformedInputError(`${what}.v: expected an integer`);
  if (v !== version) throw new UnsupportedVersionError(what);
}

export function assertAlgorithm<A extends string>(alg: unknown, expected: A, what: string): asserts alg is A {
  if (typeof alg !== 'string') throw new MalformedInputError(`${what}.alg: expected a string`);
  if (alg !== expected) throw new UnsupportedAlgorithmError(what);
}
