import { processCpuSeconds } from '../shared/cpu-meter';
import { round } from '../shared/stats';

export type Readings = Record<string, number | undefined>;

/**
 * CPU seconds of each process taking part (this one: the load generator and
 * the token issuer), so a missed rate can be told apart: intake itself, the
 * database, the broker, or the machine's two cores simply full.
 */
export class CpuSplit {
  constructor(private readonly pids: Record<string, number | undefined>) {}

  read(): Readings {
    const { user, system } = process.cpuUsage();
    const readings: Readings = { bench: (user + system) / 1e6 };
    for (const [name, pid] of Object.entries(this.pids)) readings[name] = processCpuSeconds(pid);
    return readings;
  }

  /** Microseconds per unit of work by process, with the total and the cores kept busy over `seconds`. */
  static per(before: Readings, after: Readings, units: number, seconds: number): Record<string, number> {
    const split: Record<string, number> = {};
    let total = 0;
    for (const [name, from] of Object.entries(before)) {
      const to = after[name];
      if (from === undefined || to === undefined) continue;
      split[name] = Math.round(((to - from) * 1e6) / units);
      total += to - from;
    }
    return { ...split, total: Math.round((total * 1e6) / units), coresBusy: round(total / seconds, 2) };
  }
}

export function describeSplit(split: Record<string, number>): string {
  const parts = Object.entries(split)
    .filter(([name]) => name !== 'total' && name !== 'coresBusy')
    .map(([name, micros]) => `${name} ${micros}`);
  return `${split.total} µs (${parts.join(', ')}), ${split.coresBusy} cores busy`;
}
