import { type Model } from 'mongoose';
import { type OutboxRelay } from '@app/messaging';
import { CpuMeter, type CpuPerEvent } from '../shared/cpu-meter';
import { applied, resetApplied, untilApplied } from './batch-consumer';
import { type CaseDoc, caseOpened, fillOutboxes, TOTAL } from './fixtures';
import { percentile } from '../shared/stats';

export interface PipeRates {
  relayRate: number;
  consumerRate: number;
  pipelineRate: number;
  cpuPerEvent: CpuPerEvent;
}

/**
 * Fills the outboxes first, so relay and consumer throughput are measured on
 * a full pipe, then drains them through relay, Kafka and the consumer.
 */
export async function pipePass(
  cases: Model<CaseDoc>,
  relay: OutboxRelay,
  prefix: string,
  cpu: CpuMeter,
): Promise<PipeRates> {
  await fillOutboxes(cases, prefix);
  resetApplied();
  const cpuBefore = cpu.read();
  const relayStart = Date.now();
  let relayed = 0;
  while (relayed < TOTAL) relayed += await relay.drainOnce();
  const relaySeconds = (Date.now() - relayStart) / 1000;
  await untilApplied(TOTAL);
  const cpuPerEvent = CpuMeter.perEvent(cpuBefore, cpu.read(), TOTAL);
  return {
    relayRate: TOTAL / relaySeconds,
    consumerRate: TOTAL / ((applied.last - applied.first) / 1000),
    pipelineRate: TOTAL / ((applied.last - relayStart) / 1000),
    cpuPerEvent,
  };
}

/**
 * Latency at a steady rate: one case written every 1/rate s, each write
 * waking the relay as in a service; write → applied, in milliseconds.
 */
export async function pacedLatency(
  cases: Model<CaseDoc>,
  relay: OutboxRelay,
  events: number,
  rate: number,
): Promise<{ p50Ms: number; p99Ms: number }> {
  resetApplied();
  relay.start();
  const start = Date.now();
  for (let i = 0; i < events; i += 1) {
    const wait = start + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = `case_paced_${String(i).padStart(6, '0')}`;
    await cases.create({ _id: id, outbox: [caseOpened(id, 'MX-OAX')] });
    relay.notify();
  }
  await untilApplied(events);
  await relay.stop();
  const latencies = [...applied.latencies].sort((a, b) => a - b);
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}
