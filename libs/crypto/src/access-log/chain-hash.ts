import { type JsonValue, canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { blake2b256 } from '../hash';

/** Entry hashes are BLAKE2b-256 digests. */
export const ACCESS_LOG_HASH_BYTES = 32;

/** prevHash of the first entry: 32 zero bytes, base64url. */
export const GENESIS_HASH = toBase64Url(new Uint8Array(ACCESS_LOG_HASH_BYTES));

/**
 * BLAKE2b-256(prevHash bytes || UTF-8 of the canonical JSON of `hashed`),
 * base64url: the link of every entry format. `hashed` holds exactly the
 * fields the entry's format covers, prevHash among them.
 */
export function chainHash(prevHash: string, hashed: { readonly [key: string]: JsonValue }): string {
  const previous = fromBase64Url(prevHash, 'prevHash', { length: ACCESS_LOG_HASH_BYTES });
  const json = utf8Encode(canonicalJson(hashed));
  const input = new Uint8Array(previous.length + json.length);
  input.set(previous);
  input.set(json, previous.length);
  return toBase64Url(blake2b256(input));
}

export function requireHash(value: unknown, field: string): string {
  fromBase64Url(value, field, { length: ACCESS_LOG_HASH_BYTES });
  return value as string;
}
