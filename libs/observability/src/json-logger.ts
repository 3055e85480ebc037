import { type LoggerService } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

type Fields = Record<string, unknown>;

/**
 * One JSON object per line on stdout, with the active trace and span ids so
 * a log line can be found from a trace and the other way round.
 *
 * Callers log ids, counts and codes only. Error objects are reduced to their
 * name (and driver code): messages of driver errors can quote stored values.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minimum: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (RANK[level] < RANK[this.minimum]) return;
    // Nest passes the context name as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const active = trace.getActiveSpan()?.spanContext();
    const spanContext = active && isSpanContextValid(active) ? active : undefined;
    const entry: Fields = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      ...(spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {}),
      ...toFields(message),
    };
    this.write(`${JSON.stringify(entry)}\n`);
  }
}

function toFields(message: unknown): Fields {
  if (message instanceof Error) return describeError(message);
  if (message !== null && typeof message === 'object') {
    const fields: Fields = {};
    for (const [key, value] of Object.entries(message)) {
      fields[key] = value instanceof Error ? describeError(value) : value;
    }
    return fields;
  }
  return { msg: String(message) };
}

export function describeError(error: Error): Fields {
  const code = (error as { code?: unknown }).code;
  return {
    errorName: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: code } : {}),
  };
}
