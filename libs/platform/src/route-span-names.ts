import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { trace } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';

/**
 * The HTTP instrumentation sees only the Node request, so it names server
 * spans by method alone ("POST"), which makes every write look alike in a
 * trace. Once Fastify has matched a route its pattern is known: name the
 * active (server) span "POST /cases/:caseId/routing" and set http.route. The
 * pattern, never the path, so that no id ends up in a span name.
 */
export function nameServerSpansByRoute(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      const route = request.routeOptions.url;
      const span = trace.getActiveSpan();
      // Unmatched requests (404, 405) keep the method-only name: there is no pattern to give.
      if (route !== undefined && span !== undefined) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      done();
    });
}
