import { type ValidationError } from 'class-validator';

/**
 * Flattens class-validator errors to field paths and rule names. The
 * constraint messages name the property and the rule, never the rejected value,
 * so they are safe to return; values themselves are dropped here.
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; reasons: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Thrown by the global ValidationPipe's exceptionFactory; the filter renders it. */
export class RequestValidationError extends Error {
  constructor(readonly errors: { field: string; reasons: string[] }[]) {
    super('request failed validation');
    this.name = 'RequestValidationError';
  }
}
