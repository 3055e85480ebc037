import { type IncomingHttpHeaders } from 'node:http';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Logger } from 'pino';
import { CORRELATION_HEADER, correlationIdFrom } from '@app/errors';

/**
 * Fastify's request id (its `genReqId` option): the caller's correlation id
 * when it looks like one, a fresh one otherwise. pino-http binds it to every
 * line logged while the request is served.
 */
export function correlationIdOf(request: { headers: IncomingHttpHeaders }): string {
  return correlationIdFrom(request.headers[CORRELATION_HEADER]);
}

/** The request's correlation id, in its headers (for the problem filter) and echoed in the response. */
export function correlateRequests(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      request.headers[CORRELATION_HEADER] = request.id;
      void reply.header(CORRELATION_HEADER, request.id);
      done();
    });
}

/**
 * One line per request: method, route template, status, duration and
 * correlation id; never the URL (its query string), headers or bodies. Probes
 * of /health and /ready are left out. Written through the root logger, which
 * request-scoped bindings do not reach, so the id is on the line once.
 */
export function logCompletedRequests(app: NestFastifyApplication, root: Logger<never, boolean>): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      if (!/^\/(health|ready)$/.test(request.url)) {
        root.info(
          {
            context: 'Http',
            method: request.method,
            route: request.routeOptions.url,
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime),
            correlationId: request.headers[CORRELATION_HEADER],
          },
          'request completed',
        );
      }
      done();
    });
}
