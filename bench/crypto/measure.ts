// Timing for the crypto benchmark. The SDK and its native baseline are
// measured in alternating rounds, so that load from anything else on the
// machine (other builds, a local stack) hits both alike and their ratio stays
// meaningful: each side reports the median and the best of its rounds, and
// the ratio is the median of the per-round ratios (neighbouring rounds see
// about the same load).

export interface Measured {
  /** Operations per second, median of the rounds. */
  readonly perSecond: number;
  /** The least disturbed round. */
  readonly best: number;
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

export interface Comparison {
  readonly sdk: Measured;
  readonly native: Measured;
  /** SDK / native, median over the rounds. */
  readonly ratio: number;
}

export async function compare(sdk: Operation, native: Operation, options: CompareOptions): Promise<Comparison> {
  await runFor(options.warmupMs, sdk);
  await runFor(options.warmupMs, native);
  const sdkRounds: number[] = [];
  const nativeRounds: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    sdkRounds.push(await runFor(options.roundMs, sdk));
    nativeRounds.push(await runFor(options.roundMs, native));
  }
  return {
    sdk: { perSecond: median(sdkRounds), best: Math.max(...sdkRounds), rounds: sdkRounds },
    native: { perSecond: median(nativeRounds), best: Math.max(...nativeRounds), rounds: nativeRounds },
    ratio: median(sdkRounds.map((value, i) => value / (nativeRounds[i] ?? Number.NaN))),
  };
}
