import { describeError } from '@app/observability';
import { backoffDelay, type RetryPolicy } from './retry-policy';

export type RetryOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; detail: string };

/**
 * Runs `work` until it succeeds or `policy.maxAttempts` attempts have failed,
 * waiting with backoff in between while keeping the group membership alive.
 * A final failure comes back as its safe detail (the error's description,
 * never its message text, which may quote personal data) for the dead letter.
 */
export async function runWithRetries(
  policy: RetryPolicy,
  heartbeat: () => Promise<void>,
  work: () => Promise<void>,
  onRetry: (attempt: number, error: unknown) => void,
): Promise<RetryOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await work();
      return { ok: true, attempts: attempt };
    } catch (error) {
      if (attempt >= policy.maxAttempts) return { ok: false, attempts: attempt, detail: safeDetail(error) };
      onRetry(attempt, error);
      await pause(backoffDelay(policy, attempt), heartbeat);
    }
  }
}

function safeDetail(error: unknown): string {
  return error instanceof Error ? JSON.stringify(describeError(error)) : typeof error;
}

/**
 * Waits between attempts, heartbeating at least every second so the group
 * does not evict the consumer, and at least once: with full jitter a wait can
 * be 0 ms, and a handler that failed slowly has used the session's time too.
 */
async function pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  do {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1_000, until - Date.now()))));
    await heartbeat();
  } while (Date.now() < until);
}
