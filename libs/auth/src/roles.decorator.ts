import { SetMetadata } from '@nestjs/common';
import { type Role } from './roles';

export const REQUIRED_ROLES = 'auth:requiredRoles';

/**
 * The caller needs at least one of these roles (403 otherwise). On a method
 * it replaces, rather than adds to, a list on the controller.
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  // The tuple type already demands one role; this guards untyped callers,
  // for whom an empty list would read as "anyone".
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(REQUIRED_ROLES, Object.freeze([...roles]));
}
