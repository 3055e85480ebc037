import { type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * API answers carry case metadata, ciphertext, sealed keys, consent receipts
 * and access logs. No cache on the way (a browser, a shelter's shared proxy)
 * may keep a copy, and no browser may read a body as anything but its
 * declared type. The API documentation under /docs is public and may be cached.
 */
export function hardenResponseHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (!request.url.startsWith('/docs')) void reply.header('cache-control', 'no-store');
      void reply.header('x-content-type-options', 'nosniff');
      done(null, payload);
    });
}
