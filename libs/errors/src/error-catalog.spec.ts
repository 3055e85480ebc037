import { DomainError } from './domain-error';
import { defineErrorCatalog } from './error-catalog';
import { HTTP_STATUS_CODES } from './http-status-codes';

describe('defineErrorCatalog', () => {
  const catalog = defineErrorCatalog('shop', {
    'ORDER.GONE': { status: 409, when: 'the order was cancelled' },
    INTERNAL_ISH: { status: 500, when: 'never' },
  });

  it('gives each code the title of its status', () => {
    expect(catalog.entries).toEqual([
      { code: 'ORDER.GONE', status: 409, title: 'Conflict', when: 'the order was cancelled' },
      { code: 'INTERNAL_ISH', status: 500, title: 'Internal Server Error', when: 'never' },
    ]);
  });

  it('makes domain errors that carry the code and message only', () => {
    const error = catalog.error('ORDER.GONE', 'the order was cancelled');
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'ORDER.GONE',
      message: 'the order was cancelled',
    });
    expect(error).not.toHaveProperty('status');
  });

  it('refuses a code that is not upper-case segments', () => {
    expect(() => defineErrorCatalog('bad', { 'order.gone': { status: 409, when: 'x' } })).toThrow(/order.gone/);
  });
});

describe('HTTP_STATUS_CODES', () => {
  it('keeps the codes and titles framework exceptions always had', () => {
    expect(HTTP_STATUS_CODES).toEqual({
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
    });
  });
});
