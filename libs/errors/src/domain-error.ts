// Framework-free on purpose: domain/ folders throw these (dependency-cruiser's domain-stays-pure).

declare const catalogued: unique symbol;

/**
 * A code that an error catalog defines (error-catalog.ts). Only a catalog
 * hands these out, so an error cannot carry a code that has no status, title
 * or line in docs/errors.md: a misspelt or new code fails to compile.
 */
export type ErrorCode<C extends string = string> = C & { readonly [catalogued]: true };

/**
 * An error the domain expects and the caller can act on. `code` is stable
 * (clients branch on it); `message` is for people and must never carry case
 * content, names or any value the caller sent. The HTTP status is not the
 * thrower's business: the problem filter looks the code up in the service's
 * catalogs.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 'SECTION.NOT_FOUND' → 'section': the message names what was looked for, as it always has. */
function subjectOf(code: string): string {
  return code.slice(0, code.indexOf('.')).toLowerCase();
}

export class NotFoundError extends DomainError {
  constructor(code: ErrorCode<`${string}.NOT_FOUND`>) {
    super(code, `${subjectOf(code)} not found`);
  }
}

/** Optimistic concurrency: the aggregate changed since the caller read it. */
export class ConcurrencyConflictError extends DomainError {
  constructor(code: ErrorCode<`${string}.VERSION_CONFLICT`>) {
    super(code, `${subjectOf(code)} was changed by someone else; reload and retry`);
  }
}
