import { MalformedInputError } from '../errors';

// Field checks the consent record needs beyond ../validate.ts. A consent
// record is stored and served in plaintext, so it is held to closed shapes:
// no field a signer did not mean, no free text.

/**
 * Ids in a consent record: organizations and staff subjects come from
 * tokens, so the same character set as the auth library's principal ids.
 * No whitespace, so a client's name cannot be written where a pseudonymous
 * reference belongs.
 */
const CONSENT_ID_PATTERN = /^[\w.:@|+-]{1,128}$/;
/** References to documents (privacy notice and its version): short tokens. */
const TOKEN_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const LANGUAGE_PATTERN = /^[a-z]{2}$/;
export function requireConsentId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CONSENT_ID_PATTERN.test(value)) {
    throw new MalformedInputError(`${field}: expected an id of 1 to 128 characters from [A-Za-z0-9_.:@|+-]`);
  }
  return value;
}

export function requireToken(value: unknown, field: string): string {
  if (typeof value !== 'string' || !TOKEN_PATTERN.test(value)) {
    throw new MalformedInputError(`${field}: expected 1 to 64 characters from [A-Za-z0-9._-]`);
  }
  return value;
}

export function requireLanguage(value: unknown, field: string): string {
  if (typeof value !== 'string' || !LANGUAGE_PATTERN.test(value))
    throw new MalformedInputError(`${field}: expected an ISO 639-1 code`);
  return value;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new MalformedInputError(`${field}: expected a boolean`);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MalformedInputError(`${field}: expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireArray(value: unknown, field: string, min: number, max: number): readonly unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw new MalformedInputError(`${field}: expected an array of ${min} to ${max} items`);
  }
  return value as readonly unknown[];
}

/** Throws if two items share a key: each grantee, purpose or section appears once. */
export function requireDistinct<T>(items: readonly T[], keyOf: (item: T) => string, field: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) throw new MalformedInputError(`${field}: duplicate entry`);
    seen.add(key);
  }
}
