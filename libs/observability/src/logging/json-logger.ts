import { type LoggerService } from '@nestjs/common';
import { type Logger, type pino } from 'pino';
import { createServiceLogger, type LogLevel } from './log-options';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * A Nest LoggerService over pino, for code that runs outside a Nest app (CLIs,
 * tests, benches) and for a service's start before its app exists.
 * Hand-written because nestjs-pino's Logger reads a process-wide pino instance
 * that only its LoggerModule sets. It reads Nest's arguments as nestjs-pino
 * does (the last extra argument is the context), so the lines are the same.
 */
export function jsonLoggerOver(logger: Logger<never, boolean>): LoggerService {
  const call =
    (level: Level) =>
    (message: unknown, ...rest: unknown[]): void => {
      const last = rest[rest.length - 1];
      const fields: Record<string, unknown> = typeof last === 'string' ? { context: last } : {};
      if (message instanceof Error) logger[level]({ ...fields, err: message });
      else if (typeof message === 'object' && message !== null) logger[level]({ ...fields, ...message });
      else logger[level](fields, String(message));
    };
  return {
    log: call('info'),
    error: call('error'),
    warn: call('warn'),
    debug: call('debug'),
    // Nest's verbose and fatal, as nestjs-pino maps them.
    verbose: call('trace'),
    fatal: call('fatal'),
  };
}

/** A service-format JSON logger on stdout (or `destination`), outside a Nest app. */
export function jsonLogger(service: string, level: LogLevel, destination?: pino.DestinationStream): LoggerService {
  return jsonLoggerOver(createServiceLogger(service, level, destination));
}
