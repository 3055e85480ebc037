import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { MalformedInputError } from '../errors';
import { randomBytes } from '../random';

/**
 * A referral's id is made by the sender's client, so that the note sealed to
 * the partner can be bound to it before intake has seen the referral: `ref_`
 * and 16 random bytes in base64url (unguessable, as it appears in URLs and
 * in the partner's notifications).
 */
export const REFERRAL_ID_PREFIX = 'ref_';
export const REFERRAL_ID_BYTES = 16;
/** `ref_` + 22 base64url characters. */
export const REFERRAL_ID_LENGTH = REFERRAL_ID_PREFIX.length + 22;

export function newReferralId(): string {
  return `${REFERRAL_ID_PREFIX}${toBase64Url(randomBytes(REFERRAL_ID_BYTES))}`;
}

/** Checks a referral id is what newReferralId makes (prefix, strict base64url, 16 bytes). */
export function requireReferralId(value: unknown, field: string): string {
  const problem = `${field}: expected a referral id (ref_ and 22 base64url characters)`;
  if (typeof value !== 'string' || !value.startsWith(REFERRAL_ID_PREFIX)) throw new MalformedInputError(problem);
  try {
    fromBase64Url(value.slice(REFERRAL_ID_PREFIX.length), field, { length: REFERRAL_ID_BYTES });
  } catch {
    throw new MalformedInputError(problem);
  }
  return value;
}
