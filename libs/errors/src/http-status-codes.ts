/** Stable codes for failures that come from the HTTP layer rather than the domain. */
export const HTTP_STATUS_CODES: Record<number, { code: string; title: string }> = {
  400: { code: 'REQUEST.INVALID', title: 'Bad Request' },
  401: { code: 'AUTH.UNAUTHENTICATED', title: 'Unauthorized' },
  403: { code: 'AUTH.FORBIDDEN', title: 'Forbidden' },
  404: { code: 'ROUTE.NOT_FOUND', title: 'Not Found' },
  405: { code: 'REQUEST.METHOD_NOT_ALLOWED', title: 'Method Not Allowed' },
  409: { code: 'REQUEST.CONFLICT', title: 'Conflict' },
  413: { code: 'REQUEST.TOO_LARGE', title: 'Payload Too Large' },
  415: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported Media Type' },
  422: { code: 'REQUEST.UNPROCESSABLE', title: 'Unprocessable Content' },
  429: { code: 'REQUEST.RATE_LIMITED', title: 'Too Many Requests' },
  503: { code: 'SERVICE.UNAVAILABLE', title: 'Service Unavailable' },
};

export const INTERNAL = { code: 'INTERNAL', title: 'Internal Server Error' };

export function titleFor(status: number): string {
  return HTTP_STATUS_CODES[status]?.title ?? (status >= 500 ? INTERNAL.title : 'Error');
}
