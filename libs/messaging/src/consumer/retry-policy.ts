export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

const MAX_WAIT_MS = 10_000;

/**
 * Exponential backoff with full jitter, capped at 10 s per wait: a wait
 * anywhere between 0 and the capped exponential, so consumers that failed
 * together spread out instead of retrying in step. Hand-written because it is
 * one line; a retry library would be a dependency for it.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_WAIT_MS, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}
