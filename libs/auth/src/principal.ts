import { type Role } from './roles';

/** Who is calling, as asserted by a verified token and nothing else. */
export interface Principal {
  /** The identity provider's subject id for the staff member. */
  readonly sub: string;
  /** The organization every query of this request is scoped to (`org` claim). */
  readonly orgId: string;
  readonly roles: readonly Role[];
}

/** Request property the authentication guard stores the principal under. */
export const PRINCIPAL_PROPERTY = 'user';

// Principals minted by the JWT strategy. `principalOf` trusts only these, so
// a `request.user` set by anything else (a future middleware, a plugin) can
// never become the source of an organization id.
const issued = new WeakSet<Principal>();

export function issuePrincipal(fields: Principal): Principal {
  const principal = Object.freeze({ sub: fields.sub, orgId: fields.orgId, roles: Object.freeze([...fields.roles]) });
  issued.add(principal);
  return principal;
}

/** The principal the authentication guard attached to the request, if any. */
export function principalOf(request: unknown): Principal | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const candidate: unknown = (request as Record<string, unknown>)[PRINCIPAL_PROPERTY];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  return issued.has(candidate as Principal) ? (candidate as Principal) : undefined;
}
