import { REASON_PHRASES } from './error-catalog';
import { PLATFORM_ERRORS, type PlatformErrorCode } from './platform-errors';

/**
 * The codes for failures raised by the framework rather than the domain (a
 * Nest HttpException), one per status. Their status and title are the
 * platform catalog's, so the mapping and docs/errors.md cannot disagree.
 */
const HTTP_LAYER_CODES: readonly PlatformErrorCode[] = [
  'REQUEST.INVALID',
  'AUTH.UNAUTHENTICATED',
  'AUTH.FORBIDDEN',
  'ROUTE.NOT_FOUND',
  'REQUEST.METHOD_NOT_ALLOWED',
  'REQUEST.CONFLICT',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.UNPROCESSABLE',
  'REQUEST.RATE_LIMITED',
  'SERVICE.UNAVAILABLE',
];

/** Stable codes for failures that come from the HTTP layer rather than the domain, by status. */
export const HTTP_STATUS_CODES: Record<number, { code: string; title: string }> = Object.fromEntries(
  PLATFORM_ERRORS.entries
    .filter((entry) => HTTP_LAYER_CODES.includes(entry.code))
    .map((entry) => [entry.status, { code: entry.code, title: entry.title }]),
);

export const INTERNAL = { code: 'INTERNAL', title: REASON_PHRASES[500] };

export function titleFor(status: number): string {
  const known: Partial<Record<number, string>> = REASON_PHRASES;
  return known[status] ?? (status >= 500 ? INTERNAL.title : 'Error');
}
