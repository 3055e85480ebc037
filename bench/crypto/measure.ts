// Timing for the crypto benchmark. The SDK and its native baseline are
// measured in alternating rounds, so that load from anything else on the
// machine (other builds, a local stack) hits both alike and their ratio stays
// meaningful; each side reports the median of its rounds.

export interface Measured {
  /** Operations per second, median of the rounds. */
  readonly perSecond: number;
  readonly rounds: number[];
}

export interface CompareOptions {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

type Operation = () => unknown;

async function runFor(ms: number, operation: Operation): Promise<number> {
  let count = 0;
  const start = performance.now();
  const deadline = start + ms;
  let now = start;
  while (now < deadline) {
    // Batches of 8 keep clock reads out of the fast operations' cost.
    for (let i = 0; i < 8; i++) {
      const result = operation();
      if (result instanceof Promise) await result;
    }
    count += 8;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function compare(sdk: Operation, native: Operation, options: CompareOptions): Promise<{ sdk: Measured; native: Measured }> {
  await runFor(options.warmupMs, sdk);
  await runFor(options.warmupMs, native);
  const sdkRounds: number[] = [];
  const nativeRounds: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    sdkRounds.push(await runFor(options.roundMs, sdk));
    nativeRounds.push(await runFor(options.roundMs, native));
  }
  return {
    sdk: { perSecond: median(sdkRounds), rounds: sdkRounds },
    native: { perSecond: median(nativeRounds), rounds: nativeRounds },
  };
}
