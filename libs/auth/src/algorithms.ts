/**
 * Signature algorithms a token may use. Asymmetric only: with an HMAC
 * algorithm allowed, anyone holding the public key from the JWKS could sign
 * tokens. EdDSA is not listed because passport-jwt verifies with
 * jsonwebtoken 9 (jws/jwa), which does not implement it; a provider signing
 * with Ed25519 is rejected rather than half-supported.
 */
export const TOKEN_ALGORITHMS = ['ES256', 'RS256'] as const;

export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

export function isTokenAlgorithm(value: unknown): value is TokenAlgorithm {
  return (TOKEN_ALGORITHMS as readonly unknown[]).includes(value);
}
