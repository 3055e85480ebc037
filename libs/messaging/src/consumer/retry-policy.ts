export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

/** Exponential backoff with full jitter, capped at 10 s per wait. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
