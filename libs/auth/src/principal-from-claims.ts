import { issuePrincipal, type Principal } from './principal';
import { isRole } from './roles';

export type ClaimsCheck = { ok: true; principal: Principal } | { ok: false; reason: ClaimsRejection };

/** Why a verified token still does not make a principal; logged, never sent to the caller. */
export type ClaimsRejection = 'not_an_object' | 'missing_exp' | 'invalid_sub' | 'invalid_org' | 'invalid_roles';

// Ids become Mongo filter values and log fields: keep them short and free of
// whitespace and control characters, whatever the identity provider sends.
// (Subjects look like `auth0|abc`, UUIDs, digits or base64url, hence the set.)
const ID_PATTERN = /^[\w.:@|+-]{1,128}$/;
// Only five roles exist; a longer list is a malformed claim, not a power user.
const MAX_ROLES = 16;

/**
 * Turns the payload of a token whose signature, issuer, audience and lifetime
 * were already checked into a principal. The organization id is read from the
 * `org` claim and from nowhere else.
 */
export function principalFromClaims(claims: unknown): ClaimsCheck {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return reject('not_an_object');
  const { exp, sub, org, roles } = claims as Record<string, unknown>;
  // jsonwebtoken checks `exp` only when present; a token without one would never expire.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return reject('missing_exp');
  if (!isId(sub)) return reject('invalid_sub');
  if (!isId(org)) return reject('invalid_org');
  if (!Array.isArray(roles) || roles.length > MAX_ROLES || !roles.every(isRole)) return reject('invalid_roles');
  return { ok: true, principal: issuePrincipal({ sub, orgId: org, roles: [...new Set(roles)] }) };
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** An `org` value a token could carry: what an issuer's list of organizations may hold. */
export function isOrganizationId(value: unknown): value is string {
  return isId(value);
}

function reject(reason: ClaimsRejection): ClaimsCheck {
  return { ok: false, reason };
}
