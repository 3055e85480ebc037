import { context, propagation, trace } from '@opentelemetry/api';
import { node } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface InMemoryTracing {
  /** Spans ended so far. */
  spans(): ReadableSpan[];
  reset(): void;
  uninstall(): Promise<void>;
}

/**
 * For unit tests: the global tracer provider, W3C propagator and async
 * context manager, as startTelemetry registers them, with ended spans kept in
 * memory. The HTTP instrumentation is left out: jest's module loader does not
 * let it patch `http`, so tests that need a server span start one themselves.
 */
export function installInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
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
