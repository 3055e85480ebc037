import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

/** One ES256 key pair as stored in the state file. Times are epoch seconds. */
export interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly createdAt: number;
  /** Set when a newer key took over; the key stays published for a while after. */
  readonly retiredAt?: number;
}

export async function generateSigningKey(now: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const exportedPublic = await exportJWK(publicKey);
  // RFC 7638 thumbprint: a kid that names the key material, not a counter.
  const kid = await calculateJwkThumbprint(exportedPublic);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM },
    publicJwk: { ...exportedPublic, kid, alg: SIGNING_ALGORITHM, use: 'sig' },
    createdAt: now,
  };
}
