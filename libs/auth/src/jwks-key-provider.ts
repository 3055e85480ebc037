import { Logger } from '@nestjs/common';
import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { JwksClient } from 'jwks-rsa';
import { type SecretOrKeyProvider } from 'passport-jwt';
import { isTokenAlgorithm } from './algorithms';
import { TokenRejected } from './token-rejected';

// Keys are cached per kid for ten minutes: a key the provider removes from its
// JWKS stays trusted that long. Unknown kids are never cached, so each one
// costs a fetch; the rate limit stops a stream of made-up kids from turning
// every service into a load generator against the identity provider.
const JWKS_CLIENT_SETTINGS = {
  cache: true,
  cacheMaxAge: 10 * 60_000,
  cacheMaxEntries: 10,
  rateLimit: true,
  jwksRequestsPerMinute: 10,
  // The fetch happens inside a request; do not hold it for jwks-rsa's default 30 s.
  timeout: 5_000,
} as const;

const logger = new Logger('JwksKeyProvider');

/**
 * Finds the verification key for a token in the configured JWKS, by `kid`
 * only. Headers that name their own key material (`jku`, `x5u`, `jwk`, `x5c`)
 * are never read: the key set is the one the service was configured with.
 */
export function jwksKeyProvider(jwksUri: string): SecretOrKeyProvider<unknown> {
  const client = new JwksClient({ jwksUri, ...JWKS_CLIENT_SETTINGS });

  return (_request, rawJwtToken, done) => {
    const header = readHeader(rawJwtToken);
    // Checked before any fetch, so junk tokens never reach the identity provider.
    if (!header) return done(new TokenRejected('malformed'));
    if (!isTokenAlgorithm(header.alg)) return done(new TokenRejected('algorithm'));
    // Without a kid jwks-rsa would pick the only key if there is one; we
    // insist, so that "which key signed this" always has one answer.
    if (typeof header.kid !== 'string' || header.kid === '') return done(new TokenRejected('unknown_key'));

    client.getSigningKey(header.kid).then(
      (key) => {
        // A JWK that declares its algorithm may only verify that algorithm.
        if (key.alg && key.alg !== header.alg) return done(new TokenRejected('key_mismatch'));
        done(null, key.getPublicKey());
      },
      (error: unknown) => {
        const name = errorName(error);
        if (name === 'SigningKeyNotFoundError') return done(new TokenRejected('unknown_key'));
        // Network failure, HTTP error, rate limit or an empty key set: the operator should know.
        logger.warn({ msg: 'signing keys unavailable', errorName: name });
        done(new TokenRejected('keys_unavailable'));
      },
    );
  };
}

function errorName(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : 'unknown';
}

function readHeader(rawJwtToken: unknown): ProtectedHeaderParameters | undefined {
  if (typeof rawJwtToken !== 'string') return undefined;
  try {
    return decodeProtectedHeader(rawJwtToken);
  } catch {
    return undefined;
  }
}
