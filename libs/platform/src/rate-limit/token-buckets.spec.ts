import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  let clock = 0;
  const now = (): number => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('allows a burst of `capacity`, then refuses with the seconds until the next token', () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerMinute: 6, maxKeys: 10 }, now);
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock += 4_000;
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('refills over time, never above capacity', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerMinute: 60, maxKeys: 10 }, now);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a').allowed).toBe(false);
    clock += 1_000;
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    clock += 3_600_000;
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerMinute: 1, maxKeys: 10 }, now);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('forgets the least recently seen keys beyond maxKeys', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerMinute: 1, maxKeys: 2 }, now);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a');
    buckets.take('c');
    expect(buckets.size).toBe(2);
    // 'b' was forgotten (a fresh bucket), 'a' was remembered (still empty).
    expect(buckets.take('b').allowed).toBe(true);
    expect(buckets.take('c').allowed).toBe(false);
  });
});
