import { readFileSync } from 'node:fs';
import { processCpuSeconds } from '../shared/cpu-meter';
import { round } from '../shared/stats';

export type Readings = Record<string, number | undefined>;

/** CPU seconds the whole machine was busy (all processes, from /proc/stat), assuming 100 ticks per second. */
function machineBusySeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return undefined;
  }
}

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
    return { ...readings, [MACHINE]: machineBusySeconds() };
  }

  /**
   * Microseconds per unit of work by process, with the total, the cores they
   * kept busy over `seconds`, and the cores other processes on the machine
   * took meanwhile (othersCoresBusy: load from outside the run).
   */
  static per(before: Readings, after: Readings, units: number, seconds: number): Record<string, number> {
    const split: Record<string, number> = {};
    let total = 0;
    for (const [name, from] of Object.entries(before)) {
      const to = after[name];
      if (name === MACHINE || from === undefined || to === undefined) continue;
      split[name] = Math.round(((to - from) * 1e6) / units);
      total += to - from;
    }
    const [machineFrom, machineTo] = [before[MACHINE], after[MACHINE]];
    const others: Record<string, number> =
      machineFrom === undefined || machineTo === undefined
        ? {}
        : { othersCoresBusy: round(Math.max(0, machineTo - machineFrom - total) / seconds, 2) };
    return { ...split, total: Math.round((total * 1e6) / units), coresBusy: round(total / seconds, 2), ...others };
  }
}

const MACHINE = '(machine)';

export function describeSplit(split: Record<string, number>): string {
  const parts = Object.entries(split)
    .filter(([name]) => !['total', 'coresBusy', 'othersCoresBusy'].includes(name))
    .map(([name, micros]) => `${name} ${micros}`);
  const others = split.othersCoresBusy === undefined ? '' : ` (other processes: ${split.othersCoresBusy})`;
  return `${split.total} µs (${parts.join(', ')}), ${split.coresBusy} cores busy${others}`;
}
