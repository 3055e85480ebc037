/**
 * How often kafkajs may restart a crashed consumer inside the process. A
 * consumer that keeps crashing is better restarted from scratch by the
 * supervisor (fresh connections, fresh group membership) than retried
 * forever behind a /ready that flaps, so past the budget the restart is
 * refused, the consumer dies for good and the process exits.
 */
export function restartBudget(
  maxRestarts: number,
  windowMs: number,
  now: () => number = Date.now,
): () => Promise<boolean> {
  const restarts: number[] = [];
  return () => {
    const at = now();
    while (restarts.length > 0 && (restarts[0] ?? at) <= at - windowMs) restarts.shift();
    if (restarts.length >= maxRestarts) return Promise.resolve(false);
    restarts.push(at);
    return Promise.resolve(true);
  };
}
