import { type JwksPolicy } from './jwks/jwks-policy';
import { type TrustedIssuer } from './trusted-issuer';

export const DEPLOYMENT_ENVIRONMENTS = ['production', 'development', 'test'] as const;

/** Production refuses what only development and tests need (see checkAuthOptions). */
export type DeploymentEnvironment = (typeof DEPLOYMENT_ENVIRONMENTS)[number];

/** Whom tokens may come from and whom they must be for. */
export interface AuthOptions {
  /** Every identity provider a token may come from; a token's `iss` must be one of them. */
  readonly issuers: readonly TrustedIssuer[];
  /** Expected `aud` (a token may list several audiences; one must match). */
  readonly audience: string;
  readonly environment: DeploymentEnvironment;
  /** Omitted fields take DEFAULT_JWKS_POLICY's. */
  readonly jwks?: Partial<JwksPolicy>;
}

/** AuthOptions as checked at start-up, with the key-set policy filled in. */
export interface CheckedAuthOptions {
  readonly issuers: readonly TrustedIssuer[];
  readonly audience: string;
  readonly environment: DeploymentEnvironment;
  readonly jwks: JwksPolicy;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
