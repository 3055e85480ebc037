import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { type TokenAlgorithm } from '../algorithms';
import { JwksFailure } from './jwks-failure';

/** A public key from a provider's JWKS, ready for jsonwebtoken. */
export interface VerificationKey {
  readonly kid: string;
  /** The one algorithm it verifies: the JWK's `alg`, or the only one its type allows here. */
  readonly algorithm: TokenAlgorithm;
  /** Imported once, when the key set is read: a PEM string would be parsed again on every request it verifies. */
  readonly publicKey: KeyObject;
}

/** An issuer's keys by kid. */
export type VerificationKeys = ReadonlyMap<string, VerificationKey>;

// More keys than any provider publishes (they keep two or three during a rotation).
const MAX_KEYS = 64;
const MIN_RSA_BITS = 2048;

const jwkSet = z.object({ keys: z.array(z.looseObject({ kty: z.string() })).max(MAX_KEYS) });
const text = z.string().min(1).max(4096);
const ecKey = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: text, y: text });
const rsaKey = z.object({ kty: z.literal('RSA'), n: text, e: text });

/**
 * The signing keys of a JWKS document we can verify with. Keys for other
 * uses or algorithms are skipped; a document that is not a key set, has no
 * usable key, or gives one kid to two keys is refused as a whole, so the
 * caller keeps its last good set rather than adopt a broken one.
 */
export function verificationKeysFrom(document: unknown): VerificationKeys {
  const parsed = jwkSet.safeParse(document);
  if (!parsed.success) throw new JwksFailure('not_a_key_set');
  const keys = new Map<string, VerificationKey>();
  for (const jwk of parsed.data.keys) {
    const key = verificationKey(jwk);
    if (!key) continue;
    if (keys.has(key.kid)) throw new JwksFailure('ambiguous_kid');
    keys.set(key.kid, key);
  }
  if (keys.size === 0) throw new JwksFailure('no_usable_keys');
  return keys;
}

function verificationKey(jwk: Record<string, unknown>): VerificationKey | undefined {
  const { kid, use, alg, key_ops: operations } = jwk;
  if (typeof kid !== 'string' || kid === '' || kid.length > 256) return undefined;
  if (use !== undefined && use !== 'sig') return undefined;
  if (operations !== undefined && !(Array.isArray(operations) && operations.includes('verify'))) return undefined;
  const material = publicMaterial(jwk);
  if (!material) return undefined;
  if (alg !== undefined && alg !== material.algorithm) return undefined;
  const publicKey = imported(material.jwk);
  if (!publicKey || !strongEnough(publicKey)) return undefined;
  return Object.freeze({
    kid,
    algorithm: material.algorithm,
    publicKey,
  });
}

/** Only the public members are imported: a JWKS that leaked a private `d` must not make us hold it. */
function publicMaterial(jwk: Record<string, unknown>): { jwk: JsonWebKey; algorithm: TokenAlgorithm } | undefined {
  const ec = ecKey.safeParse(jwk);
  if (ec.success) return { jwk: { kty: 'EC', crv: ec.data.crv, x: ec.data.x, y: ec.data.y }, algorithm: 'ES256' };
  const rsa = rsaKey.safeParse(jwk);
  if (rsa.success) return { jwk: { kty: 'RSA', n: rsa.data.n, e: rsa.data.e }, algorithm: 'RS256' };
  return undefined;
}

function imported(jwk: JsonWebKey): KeyObject | undefined {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
}

function strongEnough(key: KeyObject): boolean {
  if (key.asymmetricKeyType !== 'rsa') return true;
  return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
}
