import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CORRELATION_HEADER,
  HTTP_STATUS_CODES,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemType,
} from '@app/errors';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

const METHOD_NOT_ALLOWED = HTTP_STATUS_CODES[405] ?? {
  code: 'REQUEST.METHOD_NOT_ALLOWED',
  title: 'Method Not Allowed',
};

/**
 * Fastify answers a known path asked with a method it does not serve as 404.
 * HTTP says 405 with an Allow header (RFC 9110, 15.5.6), which tells a client
 * its method is wrong rather than its address. Must be called before the
 * routes are registered (before app.init()), so that every route is seen.
 */
export function answerUnservedMethodsWith405(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const known: KnownPath[] = [];
  fastify.addHook('onRoute', (route) => {
    const pattern = patternOf(route.url);
    let entry = known.find((path) => path.pattern.source === pattern.source);
    if (!entry) {
      entry = { pattern, methods: new Set() };
      known.push(entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // A matched route has its pattern; only the not-found handler has none.
    if (request.routeOptions.url !== undefined) return done();
    const path = request.url.split('?')[0] ?? '';
    const allowed = new Set(known.filter((entry) => entry.pattern.test(path)).flatMap((entry) => [...entry.methods]));
    if (allowed.size === 0) return done();
    const problem: ProblemDetails = {
      type: problemType(METHOD_NOT_ALLOWED.code),
      title: METHOD_NOT_ALLOWED.title,
      status: 405,
      code: METHOD_NOT_ALLOWED.code,
      detail: `${request.method} is not served here; see the Allow header.`,
      instance: path,
      correlationId: String(request.headers[CORRELATION_HEADER] ?? ''),
    };
    void reply
      .status(405)
      .header('allow', [...allowed].sort().join(', '))
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  });
}

/** '/cases/:caseId/sections/:section' matches '/cases/x/sections/y'; '*' matches the rest of the path. */
function patternOf(url: string): RegExp {
  const escaped = url.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/:[A-Za-z0-9_]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`);
}
