import { performance } from 'node:perf_hooks';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { type DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';
import { round } from '../shared/stats';

/**
 * What verifying one bearer token costs on this machine (ES256 with jose, the
 * key set already fetched), for reading the CPU per opening: each opening
 * verifies a token once per request.
 */
export async function jwtVerifyMicros(issuer: DevIssuer, token: string, rounds = 3_000): Promise<number> {
  const keys = createLocalJWKSet({ keys: await issuer.publicKeys() });
  const options = { issuer: issuer.issuer, audience: issuer.audience, algorithms: ['ES256', 'RS256'] };
  for (let i = 0; i < 300; i++) await jwtVerify(token, keys, options);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await jwtVerify(token, keys, options);
  return round(((performance.now() - started) * 1000) / rounds);
}
