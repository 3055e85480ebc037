import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { type Principal, principalOf } from './principal';
import { UNAUTHORIZED_MESSAGE } from './messages';

/**
 * Injects the verified caller. On a `@Public()` route there is none, and
 * asking for it is a 401 rather than an undefined organization id.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<unknown>());
  if (!principal) throw new UnauthorizedException(UNAUTHORIZED_MESSAGE);
  return principal;
});
