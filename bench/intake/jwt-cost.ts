import { createPublicKey, verify } from 'node:crypto';
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';
import { type DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';
import { round } from '../shared/stats';

export interface JwtCost {
  /** jose's jwtVerify with the key set already imported (the bare route's path). */
  jose: number;
  /** The ES256 signature check alone with the key imported once. */
  signatureOnly: number;
  /** The same check given the key as PEM, parsed on every call, as jsonwebtoken does with the PEM intake's key provider hands it. */
  signatureFromPem: number;
}

async function cpuMicros(rounds: number, work: () => unknown): Promise<number> {
  for (let i = 0; i < Math.ceil(rounds / 10); i++) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await work();
  const { user, system } = process.cpuUsage(before);
  return round((user + system) / rounds);
}

/**
 * What verifying one bearer token costs on this machine, in CPU µs of this
 * process (not wall time, which other load stretches), for reading the CPU
 * per opening: an opening verifies a token once per request.
 */
export async function jwtVerifyCost(issuer: DevIssuer, token: string, rounds = 2_000): Promise<JwtCost> {
  const jwks = await issuer.publicKeys();
  const keys = createLocalJWKSet({ keys: jwks });
  const options = { issuer: issuer.issuer, audience: issuer.audience, algorithms: ['ES256', 'RS256'] };
  const kid = (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: string }).kid;
  const jwk = jwks.find((key) => key.kid === kid) ?? jwks[0];
  if (!jwk) throw new Error('the issuer publishes no key');
  const keyObject = createPublicKey({ key: jwk as JWK & { kty: string }, format: 'jwk' });
  const pem = keyObject.export({ type: 'spki', format: 'pem' }).toString();
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const signed = Buffer.from(`${header}.${payload}`);
  const raw = Buffer.from(signature, 'base64url');
  const checked = (ok: boolean): void => {
    if (!ok) throw new Error('the signature does not verify');
  };
  const withKeyObject = (): void =>
    checked(verify('sha256', signed, { key: keyObject, dsaEncoding: 'ieee-p1363' }, raw));
  const withPem = (): void =>
    checked(verify('sha256', signed, { key: pem, format: 'pem', dsaEncoding: 'ieee-p1363' }, raw));
  return {
    jose: await cpuMicros(rounds, () => jwtVerify(token, keys, options)),
    signatureOnly: await cpuMicros(rounds, withKeyObject),
    signatureFromPem: await cpuMicros(rounds, withPem),
  };
}
