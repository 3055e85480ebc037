/** bench:intake's targets, on 2 cores (docs/operations.md, "Benchmark: intake over HTTP"). */
export const TARGETS = {
  casesPerSecond: 500,
  toBaseline: 0.35,
  p99Ms: 100,
} as const;

export interface Measured {
  casesPerSecond: number;
  toBaseline: number;
  p99Ms: number;
}

export type Met = Record<keyof Measured, boolean>;

/** Whether each target was met: the rate and the ratio from below, the latency from above. */
export function metTargets(measured: Measured): Met {
  return {
    casesPerSecond: measured.casesPerSecond >= TARGETS.casesPerSecond,
    toBaseline: measured.toBaseline >= TARGETS.toBaseline,
    p99Ms: measured.p99Ms <= TARGETS.p99Ms,
  };
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT MET';
}

/** One line per target: figure, verdict, target. */
export function targetLines(measured: Measured, met: Met): string[] {
  return [
    `cases opened ${measured.casesPerSecond}/s - ${verdict(met.casesPerSecond)} (≥ ${TARGETS.casesPerSecond})`,
    `intake/bare route ${measured.toBaseline} - ${verdict(met.toBaseline)} (≥ ${TARGETS.toBaseline})`,
    `p99 at 70% load ${measured.p99Ms} ms - ${verdict(met.p99Ms)} (≤ ${TARGETS.p99Ms} ms)`,
  ];
}
