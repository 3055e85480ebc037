import { type Purpose } from './consent';

/**
 * The roles a token may carry in its `roles` claim. The list is closed: a
 * role this service does not know is a misconfigured identity provider, and
 * the token is rejected rather than silently narrowed.
 */
export const ROLES = ['intake_worker', 'legal_staff', 'shelter_staff', 'partner_attorney', 'org_admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * The purposes each role may read case content for: the one place that says
 * it (docs/consent-api.md, "Roles and purposes"). A read names its purpose,
 * and the reader's roles must allow it before any grant is looked at, so a
 * shelter's staff member cannot read `health` by claiming `health_referral`.
 *
 * - intake workers take in and coordinate cases, and refer them to shelters,
 *   health care and protection;
 * - legal staff and partner attorneys represent the client (legal staff also
 *   assess protection needs and coordinate);
 * - shelter staff place people in beds, and nothing else;
 * - administrators manage keys, consent and erasure, and coordinate.
 */
export const ROLE_PURPOSES: Readonly<Record<Role, readonly Purpose[]>> = {
  intake_worker: ['case_coordination', 'shelter_placement', 'health_referral', 'protection_assessment'],
  legal_staff: ['legal_representation', 'protection_assessment', 'case_coordination'],
  partner_attorney: ['legal_representation'],
  shelter_staff: ['shelter_placement'],
  org_admin: ['case_coordination'],
};

/** The purposes any of `roles` allows. */
export function purposesAllowed(roles: readonly Role[]): Purpose[] {
  return [...new Set(roles.flatMap((role) => ROLE_PURPOSES[role]))];
}

export function rolesAllow(roles: readonly Role[], purpose: Purpose): boolean {
  return roles.some((role) => ROLE_PURPOSES[role].includes(purpose));
}

/**
 * Who manages an organization's own cases (their routing, consent, access
 * log): its intake workers, legal staff and administrators.
 */
export const CASE_MANAGER_ROLES = ['intake_worker', 'legal_staff', 'org_admin'] as const satisfies readonly Role[];

/**
 * Who answers the referrals made to an organization (accepts, declines,
 * completes) and reads them: its attorneys, legal staff and administrators.
 * Intake workers send referrals; they do not take them.
 */
export const REFERRAL_RECEIVER_ROLES = [
  'partner_attorney',
  'legal_staff',
  'org_admin',
] as const satisfies readonly Role[];

/** Whoever sends or receives referrals may list and read them (each sees its own side). */
export const REFERRAL_READER_ROLES = [
  'intake_worker',
  'legal_staff',
  'org_admin',
  'partner_attorney',
] as const satisfies readonly Role[];
