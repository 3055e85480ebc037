/**
 * The development issuer (apps/dev-issuer) signs whatever it is asked to. It
 * always names itself with an identifier that has this path segment, under
 * whatever scheme and host it is reached, so a service can recognise it from
 * its configuration alone and refuse it in production.
 */
export const DEVELOPMENT_ISSUER_SEGMENT = 'dev-issuer';

/** True for an issuer identifier or JWKS URL with a `dev-issuer` path segment (any case). */
export function isDevelopmentIssuer(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return path
    .toLowerCase()
    .split('/')
    .some((segment) => segment === DEVELOPMENT_ISSUER_SEGMENT);
}
