import { isDevelopmentIssuer } from './development-issuer';
import { ANY_ORGANIZATION, type TrustedIssuer } from './trusted-issuer';

/**
 * What a production service refuses to trust. Keys fetched over plain HTTP
 * can be swapped by anyone on the path; the development issuer signs any
 * token it is asked for; an issuer allowed every organization can speak for
 * all of them.
 */
export function productionProblems(trusted: TrustedIssuer): string[] {
  const problems: string[] = [];
  if (!isHttps(trusted.jwksUri)) problems.push('jwksUri must be an https: URL');
  if (!isHttps(trusted.issuer)) problems.push('issuer must be an https: identifier');
  if (isDevelopmentIssuer(trusted.issuer) || isDevelopmentIssuer(trusted.jwksUri)) {
    problems.push('is the development issuer (a "dev-issuer" path segment), which production never trusts');
  }
  if (trusted.organizations === ANY_ORGANIZATION) {
    problems.push('organizations "*" is for development only; list the organization ids');
  }
  return problems;
}

function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
