import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from './domain-error';
import { type CatalogEntry, type ErrorCatalog, indexCatalogs } from './error-catalog';
import { PLATFORM_ERRORS, RateLimitedError } from './platform-errors';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';
import { HTTP_STATUS_CODES, INTERNAL, titleFor } from './http-status-codes';
import { RequestValidationError } from './validation-errors';
import { CORRELATION_HEADER } from './correlation-id';

interface HttpRequestLike {
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpReplyLike {
  status(code: number): this;
  header(name: string, value: string): this;
  send(body: unknown): unknown;
}

/**
 * Renders every HTTP failure as RFC 9457 problem+json with a stable code and
 * the request's correlation id. Unknown errors become a generic 500: their
 * messages may carry stored values (a driver's duplicate-key message quotes
 * the key), so neither the response nor the log line repeats them.
 *
 * A domain error's status and title are its code's entry in the catalogs the
 * service passes in (the platform's are always there). A code none of them
 * defines is a bug, answered as a 500 like any other.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');
  private readonly catalog: ReadonlyMap<string, CatalogEntry>;

  constructor(...catalogs: readonly ErrorCatalog[]) {
    this.catalog = indexCatalogs([PLATFORM_ERRORS, ...catalogs]);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      // Kafka handlers are wrapped by the messaging layer, which retries and
      // dead-letters; hand the error back to it untouched.
      throw exception;
    }
    const request = host.switchToHttp().getRequest<HttpRequestLike>();
    const reply = host.switchToHttp().getResponse<HttpReplyLike>();
    const correlationId = String(request.headers[CORRELATION_HEADER] ?? '');
    const problem = this.toProblem(exception, correlationId, request.url);
    if (exception instanceof RateLimitedError) reply.header('retry-after', String(exception.retryAfterSeconds));
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, correlationId: string, instance: string | undefined): ProblemDetails {
    const base = { correlationId, ...(instance ? { instance: instance.split('?')[0] } : {}) };
    if (exception instanceof RequestValidationError) {
      const code = 'REQUEST.VALIDATION_FAILED';
      return {
        ...base,
        type: problemType(code),
        title: 'Bad Request',
        status: 400,
        code,
        detail: 'The request body, query or path failed validation.',
        errors: exception.errors,
      };
    }
    const entry = exception instanceof DomainError ? this.catalog.get(exception.code) : undefined;
    if (exception instanceof DomainError && entry) {
      return {
        ...base,
        type: problemType(entry.code),
        title: entry.title,
        status: entry.status,
        code: entry.code,
        detail: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known =
        HTTP_STATUS_CODES[status] ?? (status >= 500 ? INTERNAL : { code: `HTTP.${status}`, title: 'Error' });
      return {
        ...base,
        type: problemType(known.code),
        title: known.title,
        status,
        code: known.code,
        detail: safeHttpDetail(exception, status),
      };
    }
    if (exception instanceof DomainError) {
      // The code is a constant from the source, never a caller's value, so it may be logged.
      this.logger.error({ msg: 'error code in no catalog', errorName: errorName(exception), code: exception.code });
    }
    // No correlationId field: the service's logger binds the request's to every line logged while serving it.
    this.logger.error({ msg: 'unhandled error', errorName: errorName(exception) });
    return {
      ...base,
      type: problemType(INTERNAL.code),
      title: INTERNAL.title,
      status: 500,
      code: INTERNAL.code,
      detail: 'An unexpected error occurred. Quote the correlation id when reporting it.',
    };
  }
}

/** Framework messages (e.g. "Cannot GET /x", body-parser errors) name routes or limits, not data. */
function safeHttpDetail(exception: HttpException, status: number): string {
  if (status >= 500) return 'The service could not complete the request.';
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return typeof message === 'string' && message.length <= 200 ? message : titleFor(status);
}

function errorName(exception: unknown): string {
  return exception instanceof Error ? exception.name : typeof exception;
}
