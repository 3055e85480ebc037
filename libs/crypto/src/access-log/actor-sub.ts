import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { MalformedInputError } from '../errors';
import { blake2b256 } from '../hash';
import { randomBytes } from '../random';
import { loadSodium } from '../sodium';
import { requireId, requireObject } from '../validate';
import { ACTOR_SALT_BYTES, parseDisclosure } from './entry-v2';

/** A fresh actorSalt for a new v2 entry: 16 random bytes, base64url. Never reuse one. */
export function newActorSalt(): string {
  return toBase64Url(randomBytes(ACTOR_SALT_BYTES));
}

/** actorSubDigest = BLAKE2b-256(actorSalt bytes || UTF-8 of actorSub), base64url. */
export async function accessLogActorSubDigest(actorSalt: string, actorSub: string): Promise<string> {
  await loadSodium();
  return actorSubDigestOf(actorSalt, requireId(actorSub, 'actorSub'));
}

/** Synchronous accessLogActorSubDigest, once libsodium is loaded. */
export function actorSubDigestOf(actorSalt: string, actorSub: string): string {
  // The salt has a fixed length, so salt || sub splits one way only.
  const salt = fromBase64Url(actorSalt, 'actorSalt', { length: ACTOR_SALT_BYTES });
  const sub = utf8Encode(actorSub);
  const input = new Uint8Array(salt.length + sub.length);
  input.set(salt);
  input.set(sub, salt.length);
  return toBase64Url(blake2b256(input));
}

/**
 * True when `entry` is a v2 entry whose disclosed actorSub and actorSalt (the
 * owner's view) open its actorSubDigest; false when they do not, when they
 * are not disclosed (a receipt holder's view) or when it is no v2 entry.
 * Never throws on what a server sent. It checks the subject only, not the
 * chain: run verifyAccessLog or verifyAccessLogPage for that.
 */
export async function verifyActorSub(entry: unknown): Promise<boolean> {
  await loadSodium();
  try {
    const o = requireObject(entry, 'access log entry');
    const disclosed = o.v === 2 ? parseDisclosure(o, 'access log entry') : undefined;
    return disclosed !== undefined && actorSubDigestOf(disclosed.actorSalt, disclosed.actorSub) === o.actorSubDigest;
  } catch (error) {
    if (error instanceof MalformedInputError) return false;
    throw error;
  }
}
