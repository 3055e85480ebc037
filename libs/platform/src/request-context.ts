import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CORRELATION_HEADER } from '@app/errors';

/** The request's correlation id (set by the bootstrap's onRequest hook). */
export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
  return request.headers[CORRELATION_HEADER] ?? '';
});
