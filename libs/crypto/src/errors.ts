/**
 * Errors the SDK throws. `code` is stable: callers branch on it, and a server
 * that relays one can map it to a problem type. Messages name the check that
 * failed and the field, never a key, a plaintext or the offending value,
 * because errors end up in logs and bug reports.
 */
export const CRYPTO_ERROR_CODES = {
  MALFORMED_INPUT: 'CRYPTO.MALFORMED_INPUT',
  UNSUPPORTED_ALGORITHM: 'CRYPTO.UNSUPPORTED_ALGORITHM',
  UNSUPPORTED_VERSION: 'CRYPTO.UNSUPPORTED_VERSION',
  SIGNATURE_INVALID: 'CRYPTO.SIGNATURE_INVALID',
  DECRYPTION_FAILED: 'CRYPTO.DECRYPTION_FAILED',
  KEY_MISMATCH: 'CRYPTO.KEY_MISMATCH',
  STALE_VERSION: 'CRYPTO.STALE_VERSION',
  UNAVAILABLE: 'CRYPTO.UNAVAILABLE',
} as const;

export type CryptoErrorCode = (typeof CRYPTO_ERROR_CODES)[keyof typeof CRYPTO_ERROR_CODES];

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Not the shape, length or encoding the format requires. */
export class MalformedInputError extends CryptoError {
  constructor(message: string) {
    super(CRYPTO_ERROR_CODES.MALFORMED_INPUT, message);
  }
}

/** An `alg` this SDK does not implement (crypto agility: refuse, never guess). */
export class UnsupportedAlgorithmError extends CryptoError {
  constructor(what: string) {
    super(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM, `${what}: unsupported algorithm`);
  }
}

/** A format version `v` this SDK does not understand. */
export class UnsupportedVersionError extends CryptoError {
  constructor(what: string) {
    super(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION, `${what}: unsupported format version`);
  }
}

/** A signature that does not verify: the content must not be trusted or decrypted. */
export class SignatureInvalidError extends CryptoError {
  constructor(what: string) {
    super(CRYPTO_ERROR_CODES.SIGNATURE_INVALID, `${what}: signature does not verify`);
  }
}

/** Authenticated decryption failed: wrong key, wrong context or tampered bytes. */
export class DecryptionFailedError extends CryptoError {
  constructor(what: string) {
    super(CRYPTO_ERROR_CODES.DECRYPTION_FAILED, `${what}: decryption failed`);
  }
}

/** A key (or an object naming a key) does not match the one it must match. */
export class KeyMismatchError extends CryptoError {
  constructor(message: string) {
    super(CRYPTO_ERROR_CODES.KEY_MISMATCH, message);
  }
}

/**
 * A genuinely signed record older than one the reader has already seen: a
 * server replaying a version it has since replaced (rollback).
 */
export class StaleVersionError extends CryptoError {
  constructor(what: string) {
    super(CRYPTO_ERROR_CODES.STALE_VERSION, `${what}: older than a version already seen`);
  }
}

/** The runtime lacks something the SDK needs (WebCrypto randomness, a libsodium function). */
export class CryptoUnavailableError extends CryptoError {
  constructor(message: string) {
    super(CRYPTO_ERROR_CODES.UNAVAILABLE, message);
  }
}
