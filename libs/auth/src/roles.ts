/**
 * The roles a token may carry in its `roles` claim. The list is closed: a
 * role this service does not know is a misconfigured identity provider, and
 * the token is rejected rather than silently narrowed.
 */
export const ROLES = ['intake_worker', 'legal_staff', 'shelter_staff', 'partner_attorney', 'org_admin'] as const;

export type Role = (typeof ROLES)[number];

const known: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && known.has(value);
}
