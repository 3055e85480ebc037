/**
 * An error the domain expects and the caller can act on. `code` is stable
 * (clients branch on it); `message` is for people and must never carry case
 * content, names or any value the caller sent.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what.toUpperCase()}.NOT_FOUND`, 404, `${what} not found`);
  }
}

/** Optimistic concurrency: the aggregate changed since the caller read it. */
export class ConcurrencyConflictError extends DomainError {
  constructor(what: string) {
    super(`${what.toUpperCase()}.VERSION_CONFLICT`, 409, `${what} was changed by someone else; reload and retry`);
  }
}

/** Too many requests from one caller; the filter adds `Retry-After`. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('REQUEST.RATE_LIMITED', 429, `Too many requests; retry after ${retryAfterSeconds} s`);
  }
}
