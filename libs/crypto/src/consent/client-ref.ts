import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { MalformedInputError } from '../errors';
import { randomBytes } from '../random';

/**
 * A consent record names its client by a reference the SDK makes: `cref_`
 * and 16 random bytes in base64url. It is plaintext on the server and
 * outlives an erasure in the database's oplog and backups, so it must not be
 * a name, initials, a birth date or a file number anyone could look up; the
 * organization keeps which person it stands for in its own records.
 */
export const CLIENT_REF_PREFIX = 'cref_';
const CLIENT_REF_BYTES = 16;

export function newClientRef(): string {
  return `${CLIENT_REF_PREFIX}${toBase64Url(randomBytes(CLIENT_REF_BYTES))}`;
}

/** Checks a client reference is what newClientRef makes. */
export function requireClientRef(value: unknown, field: string): string {
  const problem =
    `${field}: expected a client reference made by the SDK ` +
    '(newClientRef: cref_ and 22 base64url characters), never a name';
  if (typeof value !== 'string' || !value.startsWith(CLIENT_REF_PREFIX)) throw new MalformedInputError(problem);
  try {
    fromBase64Url(value.slice(CLIENT_REF_PREFIX.length), field, { length: CLIENT_REF_BYTES });
  } catch {
    throw new MalformedInputError(problem);
  }
  return value;
}
