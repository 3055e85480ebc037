import { type Purpose, ROLES, ROLE_PURPOSES, type Role } from '@app/contracts';

/**
 * The role an access-log entry names for a hand-out: the first of the
 * reader's roles, in ROLES order, that allows the purpose (ROLE_PURPOSES).
 * Fixed order, not the token's: the same reader reading for the same
 * purpose is always logged under the same role, whatever order its
 * identity provider lists the roles in. Undefined when no role allows it
 * (the read is refused before anything is logged).
 */
export function readingRole(roles: readonly Role[], purpose: Purpose): Role | undefined {
  return ROLES.find((role) => roles.includes(role) && ROLE_PURPOSES[role].includes(purpose));
}
