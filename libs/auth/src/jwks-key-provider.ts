import { type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { type SecretOrKeyProvider } from 'passport-jwt';
import { isTokenAlgorithm } from './algorithms';
import { type IssuerDirectory } from './issuer-directory';
import { TokenRejected } from './token-rejected';

interface UnverifiedToken {
  readonly header: ProtectedHeaderParameters;
  readonly issuer: unknown;
}

/**
 * Finds the verification key for a token: the unverified `iss` picks which
 * configured issuer's key set to look in, and the `kid` the key in it. jsonwebtoken
 * then verifies the signature with that key and checks `iss` against the
 * configured issuers, so a token can only ever be verified by keys of the
 * issuer it names. Headers that name their own key material (`jku`, `x5u`,
 * `jwk`, `x5c`) are never read.
 */
export function jwksKeyProvider(directory: IssuerDirectory): SecretOrKeyProvider<unknown> {
  return (_request, rawJwtToken, done) => {
    const token = readUnverified(rawJwtToken);
    // Checked before any fetch, so junk tokens never reach an identity provider.
    if (!token) return done(new TokenRejected('malformed'));
    const { header, issuer } = token;
    if (!isTokenAlgorithm(header.alg)) return done(new TokenRejected('algorithm'));
    const keys = directory.keysOf(issuer);
    if (!keys) return done(new TokenRejected('issuer'));
    // We insist on a kid, so that "which key signed this" always has one answer.
    if (typeof header.kid !== 'string' || header.kid === '') return done(new TokenRejected('unknown_key'));

    const algorithm = header.alg;
    keys.find(header.kid).then(
      (lookup) => {
        if ('missing' in lookup) return done(new TokenRejected(lookup.missing));
        // A key verifies exactly one algorithm.
        if (lookup.key.algorithm !== algorithm) return done(new TokenRejected('key_mismatch'));
        done(null, asProviderKey(lookup.key.publicKey));
      },
      () => done(new TokenRejected('keys_unavailable')),
    );
  };
}

/**
 * passport-jwt's types say the key is a string or a Buffer, but it hands it
 * unchanged to jsonwebtoken's verify, which takes a KeyObject as is (and
 * would otherwise import a PEM string on every request).
 */
function asProviderKey(key: KeyObject): string {
  return key as unknown as string;
}

function readUnverified(rawJwtToken: unknown): UnverifiedToken | undefined {
  if (typeof rawJwtToken !== 'string') return undefined;
  try {
    return { header: decodeProtectedHeader(rawJwtToken), issuer: decodeJwt(rawJwtToken).iss };
  } catch {
    return undefined;
  }
}
