import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type LogFn, type Logger, type LoggerOptions, pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

type Fields = Record<string, unknown>;

/**
 * Names under which something sensitive could reach a log: credentials and
 * keys, HTTP headers and bodies, sealed case content and raw event values.
 * Callers log ids, counts and codes only; these paths are the net for a
 * mistake. pino's paths match one level each, so every name is listed at the
 * top and one level down (`{ request: { body } }`, `{ message: { value } }`).
 */
const SENSITIVE_NAMES = [
  // credentials and keys
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'password',
  'secret',
  'clientSecret',
  'apiKey',
  'privateKey',
  'secretKey',
  'signingKey',
  'sealedKey',
  'keys',
  // sealed case content and what carries it
  'ciphertext',
  'envelope',
  'envelopes',
  'sealed',
  'clientName',
  // request and response bodies, query strings, raw Kafka values and event data
  'body',
  'query',
  'value',
  'data',
];

export const REDACTED_PATHS: readonly string[] = [
  ...SENSITIVE_NAMES,
  ...SENSITIVE_NAMES.map((name) => `*.${name}`),
  // pino-http's request and response objects, should one ever be logged whole
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.url',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

export const REDACTED = '[Redacted]';

/**
 * pino's options for one service's log: one JSON object per line, on stdout,
 * with `level` as a word, ISO `time`, the `service` name, the active trace and
 * span ids, and `msg`. Nest's context arrives as `context` (nestjs-pino).
 */
export function serviceLogOptions(service: string, level: LogLevel): LoggerOptions<never, boolean> {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: reduceErrors,
    },
    mixin: activeTraceIds,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    hooks: { logMethod: withoutErrorMessages },
  };
}

/** The root logger of a process: pino on stdout (or `destination`, in tests). */
export function createServiceLogger(
  service: string,
  level: LogLevel,
  destination?: pino.DestinationStream,
): Logger<never, boolean> {
  return pino(serviceLogOptions(service, level), destination ?? pino.destination({ fd: 1, sync: true }));
}

function activeTraceIds(): Fields {
  const active = trace.getActiveSpan()?.spanContext();
  return active && isSpanContextValid(active) ? { trace_id: active.traceId, span_id: active.spanId } : {};
}

/**
 * Error values are reduced to their name (and driver code): messages of
 * driver errors can quote stored values ("E11000 dup key: { name: … }").
 */
function reduceErrors(fields: Fields): Fields {
  let reduced: Fields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      reduced ??= { ...fields };
      reduced[key] = describeError(value);
    }
  }
  return reduced ?? fields;
}

/**
 * pino takes an error's message as the line's `msg` when none is given
 * (`logger.error(error)`, or Nest's `{ err }`); use its name instead, for the
 * reason above.
 */
function withoutErrorMessages(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first, ...rest] = args;
  if (rest.length === 0) {
    if (first instanceof Error) return method.call(this, { err: first }, first.name);
    if (isFields(first) && first.msg === undefined && first.err instanceof Error) {
      return method.call(this, first, first.err.name);
    }
  }
  return method.apply(this, args);
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

export function describeError(error: Error): Fields {
  const code = (error as { code?: unknown }).code;
  return {
    errorName: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: code } : {}),
  };
}
