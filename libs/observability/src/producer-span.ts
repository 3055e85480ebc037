import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromTraceparent, traceparentOf } from './trace-context';

const tracer = trace.getTracer('@app/messaging');

export interface ProducerSpan {
  span: Span;
  /** What the message's traceparent header carries, so that consumer spans are children of this span. */
  traceparent: string | undefined;
}

/**
 * A PRODUCER span for one message published from an outbox. Its parent is the
 * traceparent stored with the event (the request that wrote it): the relay
 * runs later, outside that request, so the active context is not the parent.
 * With tracing off the span is not recording and the stored traceparent goes
 * out unchanged.
 */
export function startProducerSpan(topic: string, storedTraceparent: string | undefined): ProducerSpan {
  const parent = contextFromTraceparent(storedTraceparent);
  const span = tracer.startSpan(
    `${topic} send`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': 'send',
      },
    },
    parent,
  );
  // Without a registered propagator nothing is injected; the stored traceparent still links the consumer.
  return { span, traceparent: traceparentOf(trace.setSpan(parent, span)) ?? storedTraceparent };
}

/** Ends the spans of one produce request; a failed request marks them all (by error name only). */
export function endProducerSpans(spans: readonly ProducerSpan[], failure?: unknown): void {
  for (const { span } of spans) {
    if (failure !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: failure instanceof Error ? failure.name : 'error' });
    }
    span.end();
  }
}
