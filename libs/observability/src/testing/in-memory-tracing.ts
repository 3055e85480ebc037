import { context, propagation, trace } from '@opentelemetry/api';
import { core } from '@opentelemetry/sdk-node';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface InMemoryTracing {
  /** Spans ended so far. */
  spans(): ReadableSpan[];
  reset(): void;
  uninstall(): Promise<void>;
}

/**
 * For unit tests: a global tracer provider that keeps ended spans in memory
 * and the W3C propagator, as startTelemetry registers them (minus export and
 * the HTTP instrumentation, which jest's module loader does not let patch).
 * Tests that need an active span across awaits install a context manager too.
 */
export function installInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    uninstall: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
