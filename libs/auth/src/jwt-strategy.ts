import { ExtractJwt, Strategy } from 'passport-jwt';
import { TOKEN_ALGORITHMS } from './algorithms';
import { type CheckedAuthOptions } from './auth-options';
import { IssuerDirectory } from './issuer-directory';
import { jwksKeyProvider } from './jwks-key-provider';
import { principalFromClaims } from './principal-from-claims';
import { TokenRejected } from './token-rejected';

// Identity providers and services never agree on the time to the second.
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * passport-jwt verifying bearer tokens against the configured issuers' JWKS:
 * pinned algorithms, an issuer we trust (exactly), our audience, lifetime,
 * the claims we rely on, and an organization that issuer may assert.
 */
export function createJwtStrategy(options: CheckedAuthOptions): Strategy {
  const directory = new IssuerDirectory(options);
  return new Strategy(
    {
      // Only the Authorization header: tokens in URLs end up in access logs.
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: jwksKeyProvider(directory),
      issuer: directory.identifiers,
      audience: options.audience,
      algorithms: [...TOKEN_ALGORITHMS],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
    },
    (payload: unknown, done) => {
      const checked = principalFromClaims(payload);
      if (!checked.ok) return done(null, false, new TokenRejected('claims'));
      // `iss` is verified by now, and the signature with that issuer's key.
      const issuer = (payload as { iss?: unknown }).iss;
      if (!directory.mayAssert(issuer, checked.principal.orgId)) {
        return done(null, false, new TokenRejected('organization'));
      }
      done(null, checked.principal);
    },
  );
}
