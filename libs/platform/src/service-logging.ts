import { type DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type Logger } from 'pino';

/**
 * nestjs-pino over the service's root pino logger (createServiceLogger: the
 * JSON format, the redaction paths), so Nest's Logger, the app's classes and
 * kafkajs all write the same lines.
 */
export function serviceLoggerModule(root: Logger<never, boolean>): DynamicModule {
  return LoggerModule.forRoot({
    // nestjs-pino's default route, `{/*splat}`, matches no request under this Fastify adapter.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger: root,
      // pino-http's request lines stay off: it sees the raw Node request, whose
      // URL carries the query string and which lacks Fastify's route template.
      // bootstrap logs one line per request itself (method, route template,
      // status, duration, correlation id) from Fastify's onResponse hook.
      autoLogging: false,
      // A line logged while a request is served carries its correlation id and
      // nothing else of the request: no URL, no headers. The id is Fastify's
      // request id, which bootstrap makes the correlation id (correlationIdOf).
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'correlationId' },
      // No req/res/err serializers: nothing logs those objects whole, and the
      // standard err serializer writes the message and stack, which the log
      // options reduce to the error's name.
      wrapSerializers: false,
    },
  });
}
