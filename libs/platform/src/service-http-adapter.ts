import { FastifyAdapter } from '@nestjs/platform-fastify';
import { correlationIdOf } from './request-log';

/**
 * A service's Fastify adapter. `trustedProxies` (HTTP_TRUSTED_PROXIES) are
 * the only peers whose X-Forwarded-For Fastify believes: with none, a
 * request's address (`request.ip`, which per-client limits key on) is its
 * socket's; with some, it is the address the nearest untrusted hop had, which
 * a client cannot forge by sending the header itself.
 */
export function serviceHttpAdapter(trustedProxies: readonly string[]): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: correlationIdOf,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
  });
}
