export interface TokenBucketOptions {
  /** Requests a key may make at once after being idle. */
  capacity: number;
  /** Tokens a key gets back per minute, up to `capacity`. */
  refillPerMinute: number;
  /**
   * Keys remembered; past this the least recently seen are forgotten, so
   * memory stays bounded under a flood from many addresses.
   */
  maxKeys: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key (a client address), in this process. It keeps one
 * caller from flooding an endpoint; it is not shared between replicas, so the
 * limit a client sees is per replica, and a front proxy remains the place to
 * stop floods from many addresses.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly tokensPerMs: number;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.tokensPerMs = options.refillPerMinute / 60_000;
  }

  take(key: string): TakeResult {
    const now = this.now();
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(this.options.capacity, previous.tokens + (now - previous.at) * this.tokensPerMs)
      : this.options.capacity;
    // Re-inserting moves the key to the end, so the Map's order is least recently seen first.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.tokensPerMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    this.forgetOverflow();
    return { allowed: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetOverflow(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.options.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
