import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { loadConfig } from '@app/config';
import { RateLimitedError } from '@app/errors';
import { TokenBuckets } from '@app/platform';

const receiptLookupEnv = {
  /** Lookups one client address may make at once. Clients often share a shelter's address, so this is not tiny. */
  RECEIPT_LOOKUP_BURST: z.coerce.number().int().min(1).max(10_000).default(30),
  RECEIPT_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
};
const REMEMBERED_ADDRESSES = 50_000;

/**
 * POST /receipts/lookup answers anyone who holds a code, without an account.
 * Guessing one of 2^80 codes is hopeless, but the endpoint must not become a
 * free way to load intake's database: each client address gets a bucket of
 * lookups, and past it a 429 with Retry-After.
 */
@Injectable()
export class ReceiptLookupThrottle implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor() {
    const env = loadConfig(receiptLookupEnv);
    this.buckets = new TokenBuckets({
      capacity: env.RECEIPT_LOOKUP_BURST,
      refillPerMinute: env.RECEIPT_LOOKUPS_PER_MINUTE,
      maxKeys: REMEMBERED_ADDRESSES,
    });
  }

  canActivate(context: ExecutionContext): boolean {
    // Fastify's request.ip: the socket's address, or the forwarded one when the request came through one of
    // HTTP_TRUSTED_PROXIES.
    const { ip } = context.switchToHttp().getRequest<{ ip: string }>();
    const result = this.buckets.take(ip);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
    return true;
  }
}
