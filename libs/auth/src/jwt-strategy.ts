import { ExtractJwt, Strategy } from 'passport-jwt';
import { TOKEN_ALGORITHMS } from './algorithms';
import { type AuthOptions } from './auth-options';
import { jwksKeyProvider } from './jwks-key-provider';
import { principalFromClaims } from './principal-from-claims';
import { TokenRejected } from './token-rejected';

// Identity providers and services never agree on the time to the second.
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * passport-jwt verifying bearer tokens against the configured JWKS: pinned
 * algorithms, exact issuer, our audience, lifetime, then the claims we rely on.
 */
export function createJwtStrategy(options: AuthOptions): Strategy {
  return new Strategy(
    {
      // Only the Authorization header: tokens in URLs end up in access logs.
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: jwksKeyProvider(options.jwksUri),
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [...TOKEN_ALGORITHMS],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
    },
    (payload: unknown, done) => {
      const checked = principalFromClaims(payload);
      if (checked.ok) return done(null, checked.principal);
      done(null, false, new TokenRejected('claims'));
    },
  );
}
