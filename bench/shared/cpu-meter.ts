import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) per process taking part in a run. */
export interface CpuReading {
  bench: number;
  broker?: number;
  database?: number;
}

export interface CpuPerEvent {
  bench: number;
  broker?: number;
  database?: number;
  total: number;
}

const clockTicks = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** From /proc/<pid>/stat (utime and stime, fields 14 and 15); undefined where the process or /proc is absent. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/**
 * Where a run's CPU goes: this process (relay, consumer, kafkajs), the broker
 * and the database server. The throughput ratio alone cannot tell whether the
 * backbone is slow or the machine is full; CPU per event can.
 */
export class CpuMeter {
  constructor(private readonly pids: { broker?: number; database?: number }) {}

  read(): CpuReading {
    const { user, system } = process.cpuUsage();
    return {
      bench: (user + system) / 1e6,
      broker: processCpuSeconds(this.pids.broker),
      database: processCpuSeconds(this.pids.database),
    };
  }

  /** Microseconds of CPU per event between two readings, by process. */
  static perEvent(before: CpuReading, after: CpuReading, events: number): CpuPerEvent {
    const micros = (from: number | undefined, to: number | undefined): number | undefined =>
      from === undefined || to === undefined ? undefined : Math.round(((to - from) * 1e6) / events);
    const bench = micros(before.bench, after.bench) ?? 0;
    const broker = micros(before.broker, after.broker);
    const database = micros(before.database, after.database);
    return { bench, broker, database, total: bench + (broker ?? 0) + (database ?? 0) };
  }
}
