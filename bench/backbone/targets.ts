/** The backbone's targets (docs/operations.md, "Benchmark: the event backbone"). */
export const TARGETS = {
  relayEventsPerSecond: 3_000,
  consumerEventsPerSecond: 1_500,
  pipelineToBaseline: 0.5,
  p99Ms: 250,
} as const;

export interface Measured {
  relayEventsPerSecond: number;
  consumerEventsPerSecond: number;
  pipelineToBaseline: number;
  p99Ms: number;
}

export type Met = Record<keyof Measured, boolean>;

/** Whether each target was met: rates and the ratio from below, the latency from above. */
export function metTargets(measured: Measured): Met {
  return {
    relayEventsPerSecond: measured.relayEventsPerSecond >= TARGETS.relayEventsPerSecond,
    consumerEventsPerSecond: measured.consumerEventsPerSecond >= TARGETS.consumerEventsPerSecond,
    pipelineToBaseline: measured.pipelineToBaseline >= TARGETS.pipelineToBaseline,
    p99Ms: measured.p99Ms <= TARGETS.p99Ms,
  };
}

export function verdict(met: boolean): string {
  return met ? 'meets target' : 'BELOW TARGET';
}

/** One line per target, as bench:crypto prints them: figure, verdict, target. */
export function targetLines(measured: Measured, met: Met): string[] {
  return [
    `relay ${measured.relayEventsPerSecond} events/s - ${verdict(met.relayEventsPerSecond)} ` +
      `(≥ ${TARGETS.relayEventsPerSecond})`,
    `consumer ${measured.consumerEventsPerSecond} events/s - ${verdict(met.consumerEventsPerSecond)} ` +
      `(≥ ${TARGETS.consumerEventsPerSecond})`,
    `pipe/baseline ${measured.pipelineToBaseline} - ${verdict(met.pipelineToBaseline)} ` +
      `(≥ ${TARGETS.pipelineToBaseline})`,
    `p99 ${measured.p99Ms} ms - ${verdict(met.p99Ms)} (≤ ${TARGETS.p99Ms} ms)`,
  ];
}
