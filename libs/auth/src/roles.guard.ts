import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { guardScope } from './authenticated-contexts';
import { FORBIDDEN_MESSAGE, UNAUTHORIZED_MESSAGE } from './messages';
import { principalOf } from './principal';
import { REQUIRED_ROLES } from './roles.decorator';
import { type Role } from './roles';

/** Enforces `@Roles(...)`; runs after JwtAuthGuard, which attached the principal. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = guardScope(context);
    if (scope !== 'check') return scope === 'skip';
    const required = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const principal = principalOf(context.switchToHttp().getRequest<unknown>());
    // Only reachable when a route is both @Public() and @Roles(...): no caller, no role.
    if (!principal) throw new UnauthorizedException(UNAUTHORIZED_MESSAGE);
    if (!required.some((role) => principal.roles.includes(role))) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    return true;
  }
}
