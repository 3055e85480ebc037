/** Written `"organizations": "*"`: every organization. Refused in production. */
export const ANY_ORGANIZATION = '*';

/** One identity provider the services accept tokens from. */
export interface TrustedIssuer {
  /** The `iss` its tokens carry, compared exactly: no case folding, no trailing-slash tolerance. */
  readonly issuer: string;
  /** The only place this issuer's signing keys are fetched from; token headers never choose it. */
  readonly jwksUri: string;
  /**
   * The `org` values its tokens may assert. An organization's provider must not
   * be able to speak for another organization, whoever its staff are.
   */
  readonly organizations: readonly string[] | typeof ANY_ORGANIZATION;
}

export function mayAssertOrganization(issuer: TrustedIssuer, orgId: string): boolean {
  return issuer.organizations === ANY_ORGANIZATION || issuer.organizations.includes(orgId);
}
