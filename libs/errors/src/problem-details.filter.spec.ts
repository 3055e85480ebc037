import { type ArgumentsHost, HttpException, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { NotFoundError } from './domain-error';
import { defineErrorCatalog } from './error-catalog';
import { PLATFORM_ERRORS, RateLimitedError } from './platform-errors';
import { type ProblemDetails } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

const SHOP_ERRORS = defineErrorCatalog('shop', {
  'ORDER.NOT_FOUND': { status: 404, when: 'no such order' },
  'ORDER.TOO_BIG': { status: 413, when: 'over the limit' },
});
const OTHER_ERRORS = defineErrorCatalog('other', { 'OTHER.BROKEN': { status: 500, when: 'never' } });

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: ProblemDetails;
}

function render(filter: ProblemDetailsFilter, exception: unknown): Reply {
  const reply = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown as ProblemDetails };
  const response = {
    status(code: number) {
      reply.status = code;
      return this;
    },
    header(name: string, value: string) {
      reply.headers[name] = value;
      return this;
    },
    send(body: ProblemDetails) {
      reply.body = body;
      return this;
    },
  };
  const request = { url: '/orders/1?x=y', headers: { 'x-correlation-id': 'corr-12345678' } };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return reply;
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter(SHOP_ERRORS);

  it("takes a domain error's status and title from the catalogs, and its detail from the thrower", () => {
    const { status, body } = render(filter, SHOP_ERRORS.error('ORDER.TOO_BIG', 'orders are limited to 10 items'));
    expect(status).toBe(413);
    expect(body).toEqual({
      type: 'urn:refugio:problem:order.too_big',
      title: 'Payload Too Large',
      status: 413,
      code: 'ORDER.TOO_BIG',
      detail: 'orders are limited to 10 items',
      instance: '/orders/1',
      correlationId: 'corr-12345678',
    });
  });

  it('keeps the messages of not-found errors', () => {
    const { body } = render(filter, new NotFoundError(SHOP_ERRORS.code('ORDER.NOT_FOUND')));
    expect(body).toMatchObject({ status: 404, title: 'Not Found', code: 'ORDER.NOT_FOUND', detail: 'order not found' });
  });

  it('knows the platform codes without being told', () => {
    const { status, headers, body } = render(filter, new RateLimitedError(7));
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('7');
    expect(body).toMatchObject({ title: 'Too Many Requests', code: 'REQUEST.RATE_LIMITED' });
    expect(render(filter, PLATFORM_ERRORS.error('CRYPTO.KEY_MISMATCH', 'm')).body.status).toBe(422);
  });

  it('answers a code the service did not register as INTERNAL, and logs it by name', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { status, body } = render(filter, OTHER_ERRORS.error('OTHER.BROKEN', 'secret detail'));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL', title: 'Internal Server Error' });
    expect(JSON.stringify(body)).not.toContain('secret detail');
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ errorName: 'DomainError', code: 'OTHER.BROKEN' }));
    error.mockRestore();
  });

  it('maps framework exceptions by status, as before', () => {
    expect(render(filter, new UnauthorizedException('no token')).body).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      code: 'AUTH.UNAUTHENTICATED',
      detail: 'no token',
    });
    expect(render(filter, new NotFoundException('Cannot GET /x')).body).toMatchObject({ code: 'ROUTE.NOT_FOUND' });
    expect(render(filter, new HttpException('teapot', 418)).body).toMatchObject({
      status: 418,
      title: 'Error',
      code: 'HTTP.418',
    });
  });

  it('refuses two catalogs that define one code', () => {
    const twin = defineErrorCatalog('twin', { 'ORDER.TOO_BIG': { status: 400, when: 'again' } });
    expect(() => new ProblemDetailsFilter(SHOP_ERRORS, twin)).toThrow(/ORDER.TOO_BIG/);
  });
});
