import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/** The W3C traceparent of the active context, to store beside an outbox event. */
export function currentTraceparent(): string | undefined {
  return traceparentOf(context.active());
}

/** The W3C traceparent of a context, or undefined when it holds no valid span. */
export function traceparentOf(from: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier.traceparent;
}

/** A context whose parent is the given traceparent (or the root context). */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}
