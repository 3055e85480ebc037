import { type ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { guardScope } from './authenticated-contexts';
import { UNAUTHORIZED_MESSAGE } from './messages';
import { IS_PUBLIC } from './public.decorator';
import { rejectionReason } from './token-rejected';

interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}

/**
 * Global authentication: every HTTP route needs a valid bearer token unless
 * it is marked `@Public()`. The strategy name comes from AuthModuleOptions
 * (see StrategyRegistration for why it is not a constant).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard() {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AuthModuleOptions) options: AuthModuleOptions,
  ) {
    super(options);
  }

  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const scope = guardScope(context);
    if (scope !== 'check') return scope === 'skip';
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    // AuthGuard's canActivate is async; its declared type also allows an Observable.
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser>(error: unknown, user: unknown, info: unknown, context: ExecutionContext): TUser {
    if (!error && user) return user as TUser;
    const reason = error ? 'invalid' : rejectionReason(info);
    this.logger.debug({ msg: 'token rejected', reason, ...(error instanceof Error ? { errorName: error.name } : {}) });
    setChallenge(context, reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
    throw new UnauthorizedException(UNAUTHORIZED_MESSAGE);
  }
}

/** RFC 6750 §3: a 401 for a bearer-protected resource names the scheme. */
function setChallenge(context: ExecutionContext, value: string): void {
  const reply = context.switchToHttp().getResponse<Partial<ReplyWithHeaders> | undefined>();
  if (typeof reply?.header === 'function') reply.header('WWW-Authenticate', value);
}
