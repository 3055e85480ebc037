import { type JWK } from 'jose';
import { type SigningKey } from './signing-key';

/** The issuer's keys, newest first. The first unretired key signs. */
export interface KeySet {
  readonly keys: readonly SigningKey[];
}

export function currentKey(set: KeySet): SigningKey | undefined {
  return set.keys.find((key) => key.retiredAt === undefined);
}

/** Puts `next` in charge; the previous keys keep verifying tokens they signed. */
export function withNewKey(set: KeySet, next: SigningKey, now: number): KeySet {
  return { keys: [next, ...set.keys.map((key) => (key.retiredAt === undefined ? { ...key, retiredAt: now } : key))] };
}

/** Drops keys retired longer ago than any token they signed can still be valid. */
export function withoutExpiredKeys(set: KeySet, now: number, retiredKeyLifetimeSeconds: number): KeySet {
  return {
    keys: set.keys.filter((key) => key.retiredAt === undefined || key.retiredAt + retiredKeyLifetimeSeconds > now),
  };
}

/** What the JWKS endpoint publishes: public halves only. */
export function publicJwks(set: KeySet): { keys: JWK[] } {
  return { keys: set.keys.map((key) => ({ ...key.publicJwk })) };
}
