import { ROLES, type Role } from '@app/contracts';

// The roles, and the purposes each may read for, are vocabulary every
// service and the domain share, so they live in libs/contracts.
export { ROLES, type Role };

const known: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && known.has(value);
}
