import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 200 };

  it('waits anywhere from 0 up to the exponential (full jitter, not half of it fixed)', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, () => 0.1)).toBe(80);
    expect(backoffDelay(policy, 3, () => 1)).toBe(800);
  });

  it('caps the exponential at 10 s', () => {
    expect(backoffDelay(policy, 20, () => 1)).toBe(10_000);
    expect(backoffDelay(policy, 20, () => 0.25)).toBe(2_500);
  });

  it('with Math.random, spreads waits over the whole range, below half of the cap too', () => {
    const waits = Array.from({ length: 1_000 }, () => backoffDelay(policy, 4));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_600);
    expect(waits.filter((wait) => wait < 800).length).toBeGreaterThan(300);
  });
});
