import { fromBase64Url } from './encoding/base64url';
import { MalformedInputError } from './errors';
import { KEY_ID_BYTES } from './hash';
import { type SectionName, isSectionName } from './sections';

// Field checks for objects arriving as JSON from a server or a file: the SDK
// re-validates everything it is handed, typed or not, because a server that
// relays ciphertext is exactly the party the encryption does not trust.

/** Identifiers (case, organization, consent) are opaque strings of bounded size. */
export const MAX_ID_LENGTH = 256;

export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedInputError(`${what}: expected an object`);
  }
  return value as Record<string, unknown>;
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new MalformedInputError(`${field}: expected a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
  return value;
}

/** Versions are safe integers at or above `min`: content versions start at 0, key versions at 1. */
export function requireVersionNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new MalformedInputError(`${field}: expected an integer >= ${min}`);
  }
  return value;
}

export function requireSection(value: unknown, field: string): SectionName {
  if (!isSectionName(value)) throw new MalformedInputError(`${field}: not a section of the catalog`);
  return value;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function requireInstant(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new MalformedInputError(`${field}: expected an ISO 8601 UTC instant`);
  }
  return value;
}

export function requireBytes(value: unknown, field: string, length: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new MalformedInputError(`${field}: expected ${length} bytes`);
  }
  return value;
}

/** A key id: base64url of a 16-byte BLAKE2b digest. */
export function requireKeyId(value: unknown, field: string): string {
  fromBase64Url(value, field, { length: KEY_ID_BYTES });
  return value as string;
}

/** Field names worth echoing in an error; anything else could be content. */
const PRINTABLE_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/**
 * Refuses fields the format does not define, rather than dropping them: a
 * signer must not vouch for data it did not see checked, and an object with
 * fields its `v` does not define is not that version.
 */
export function requireKnownFields(o: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      throw new MalformedInputError(
        PRINTABLE_FIELD.test(key) ? `${what}.${key}: unknown field` : `${what}: unknown field`,
      );
    }
  }
}
