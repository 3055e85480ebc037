/** Where tokens come from and whom they must be for. */
export interface AuthOptions {
  /** Expected `iss`, compared exactly. */
  readonly issuer: string;
  /** Expected `aud` (a token may list several audiences; one must match). */
  readonly audience: string;
  /** The only place signing keys are fetched from; token headers never choose it. */
  readonly jwksUri: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** Fails at start-up, not on the first request, when the module is misconfigured. */
export function checkAuthOptions(options: AuthOptions): AuthOptions {
  const problems: string[] = [];
  if (!options.issuer?.trim()) problems.push('issuer is empty');
  if (!options.audience?.trim()) problems.push('audience is empty');
  if (!isHttpUrl(options.jwksUri)) problems.push('jwksUri is not an http(s) URL');
  if (problems.length > 0) throw new Error(`AuthModule misconfigured: ${problems.join('; ')}`);
  return Object.freeze({ issuer: options.issuer, audience: options.audience, jwksUri: options.jwksUri });
}

function isHttpUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
