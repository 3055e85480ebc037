import { fromBase64Url } from '../encoding/base64url';
import { KEY_ID_BYTES } from '../hash';

/**
 * A key id as eight groups of four hex digits ("3f9a 01c2 ..."), for two
 * organizations to compare by phone before trusting a key. Hex, because
 * base64url's "-", "_" and mixed case are easy to misread aloud.
 */
export function keyFingerprint(keyId: string): string {
  const bytes = fromBase64Url(keyId, 'keyId', { length: KEY_ID_BYTES });
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}
