import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { randomBytes } from '../random';

/** 128 random bits: unguessable, since a consent id appears in URLs and events. */
export const CONSENT_ID_BYTES = 16;

/** A new consent id: base64url of 16 random bytes (22 characters). */
export function newConsentId(): string {
  return toBase64Url(randomBytes(CONSENT_ID_BYTES));
}

/** Checks a consent id is what newConsentId makes (strict base64url, 16 bytes). */
export function requireConsentRecordId(value: unknown, field: string): string {
  fromBase64Url(value, field, { length: CONSENT_ID_BYTES });
  return value as string;
}
