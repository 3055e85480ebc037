import {
  type AuthOptions,
  type CheckedAuthOptions,
  DEPLOYMENT_ENVIRONMENTS,
  type DeploymentEnvironment,
} from './auth-options';
import { DEFAULT_JWKS_POLICY, type JwksPolicy } from './jwks/jwks-policy';
import { isOrganizationId } from './principal-from-claims';
import { productionProblems } from './production-rules';
import { ANY_ORGANIZATION, type TrustedIssuer } from './trusted-issuer';

/**
 * Fails at start-up, before the service listens, rather than on the first
 * request, when the module is misconfigured or (in production) told to
 * trust what production must not. Issuers are named by position: the
 * message never repeats configured values.
 */
export function checkAuthOptions(options: AuthOptions): CheckedAuthOptions {
  const problems: string[] = [];
  const environment: unknown = options.environment;
  if (!isDeploymentEnvironment(environment))
    problems.push(`environment is not one of ${DEPLOYMENT_ENVIRONMENTS.join(', ')}`);
  if (!options.audience?.trim()) problems.push('audience is empty');
  const issuers: readonly TrustedIssuer[] = Array.isArray(options.issuers) ? options.issuers : [];
  if (issuers.length === 0) problems.push('no issuers are configured');
  const seen = new Set<string>();
  issuers.forEach((trusted, index) => {
    const found = issuerProblems(trusted);
    if (seen.has(trusted.issuer)) found.push('the same issuer is listed twice');
    seen.add(trusted.issuer);
    if (environment === 'production') found.push(...productionProblems(trusted));
    problems.push(...found.map((problem) => `issuers[${index}]: ${problem}`));
  });
  const jwks = { ...DEFAULT_JWKS_POLICY, ...definedFields(options.jwks ?? {}) };
  problems.push(...policyProblems(jwks));
  if (problems.length > 0) {
    throw new Error(`AuthModule misconfigured (environment ${String(environment)}): ${problems.join('; ')}`);
  }
  return Object.freeze({
    issuers: Object.freeze(issuers.map(frozenIssuer)),
    audience: options.audience,
    environment: options.environment,
    jwks: Object.freeze(jwks),
  });
}

function issuerProblems(trusted: TrustedIssuer): string[] {
  const problems: string[] = [];
  if (!isHttpUrl(trusted.issuer)) problems.push('issuer is not an http(s) URL');
  if (!isHttpUrl(trusted.jwksUri)) problems.push('jwksUri is not an http(s) URL');
  const { organizations } = trusted;
  if (organizations !== ANY_ORGANIZATION) {
    if (!Array.isArray(organizations) || organizations.length === 0) {
      problems.push(`organizations is neither a list of organization ids nor "${ANY_ORGANIZATION}"`);
    } else if (!organizations.every(isOrganizationId)) {
      problems.push('organizations holds a value that is not an organization id');
    }
  }
  return problems;
}

function policyProblems(policy: JwksPolicy): string[] {
  const problems = Object.entries(policy)
    .filter(([, value]) => !Number.isSafeInteger(value) || (value as number) <= 0)
    .map(([name]) => `jwks.${name} is not a positive whole number of milliseconds`);
  if (policy.refetchIntervalMs > policy.maxAgeMs) problems.push('jwks.refetchIntervalMs is longer than jwks.maxAgeMs');
  return problems;
}

function frozenIssuer(trusted: TrustedIssuer): TrustedIssuer {
  const { issuer, jwksUri, organizations } = trusted;
  return Object.freeze({
    issuer,
    jwksUri,
    organizations: organizations === ANY_ORGANIZATION ? ANY_ORGANIZATION : Object.freeze([...organizations]),
  });
}

// The platform passes every policy field, unset ones as undefined; those take the default.
function definedFields(partial: Partial<JwksPolicy>): Partial<JwksPolicy> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}

function isDeploymentEnvironment(value: unknown): value is DeploymentEnvironment {
  return (DEPLOYMENT_ENVIRONMENTS as readonly unknown[]).includes(value);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
