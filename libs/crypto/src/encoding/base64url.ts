import { MalformedInputError } from '../errors';

// Binary fields travel in JSON as base64url without padding (RFC 4648 §5).
// Node's Buffer codec is native and 30-50x faster than libsodium's own
// to_base64/from_base64; browsers without a Buffer polyfill fall back to
// atob/btoa.

// Looked up on globalThis, not imported: a browser bundle must not pull in a
// Buffer polyfill just for this.
const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STRICT_BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface DecodeOptions {
  /** Exact decoded length the field must have (keys, nonces, signatures). */
  readonly length?: number;
  /** Upper bound on the decoded length (ciphertexts). */
  readonly maxLength?: number;
}

/**
 * Decodes base64url without padding, strictly: wrong alphabet, padding, an
 * impossible length, non-zero trailing bits (a second spelling of the same
 * bytes) or a wrong decoded length all throw. Buffer alone would silently
 * skip bad characters, which would let two different strings carry one value.
 */
export function fromBase64Url(text: unknown, field: string, options: DecodeOptions = {}): Uint8Array {
  if (typeof text !== 'string') throw new MalformedInputError(`${field}: expected a base64url string`);
  if (!STRICT_BASE64URL.test(text)) throw new MalformedInputError(`${field}: not unpadded base64url`);
  const remainder = text.length % 4;
  if (remainder === 1) throw new MalformedInputError(`${field}: impossible base64url length`);
  if (remainder !== 0 && !hasZeroTrailingBits(text, remainder)) {
    throw new MalformedInputError(`${field}: non-canonical base64url`);
  }
  const decodedLength = Math.floor((text.length * 3) / 4);
  if (options.length !== undefined && decodedLength !== options.length) {
    throw new MalformedInputError(`${field}: expected ${options.length} bytes`);
  }
  if (options.maxLength !== undefined && decodedLength > options.maxLength) {
    throw new MalformedInputError(`${field}: longer than ${options.maxLength} bytes`);
  }
  if (NodeBuffer) {
    const decoded = NodeBuffer.from(text, 'base64url');
    // A plain view: callers get Uint8Array semantics, not Buffer's.
    return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// The last character of a 2- or 3-character tail carries 4 or 2 bits that
// are not part of any byte; canonical encoders leave them zero.
function hasZeroTrailingBits(text: string, remainder: number): boolean {
  const value = ALPHABET.indexOf(text.charAt(text.length - 1));
  const unusedBitsMask = remainder === 2 ? 0x0f : 0x03;
  return (value & unusedBitsMask) === 0;
}
