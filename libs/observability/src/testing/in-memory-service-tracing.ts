import http from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { node } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { exportedSpans, serviceHttpInstrumentationConfig } from '../tracing/service-tracing';
import { type InMemoryTracing } from './in-memory-tracing';

export interface ServiceTracingOptions {
  /**
   * false: spans as the instrumentations leave them, without the scrubbing
   * processor, to test what the instrumentation settings withhold at source.
   */
  scrubbing?: boolean;
}

/**
 * For tests of what a service exports: tracing as startTelemetry sets it up
 * (the same HTTP instrumentation settings, the same processors in front of
 * the exporter), with the exported spans kept in memory. jest's module loader
 * keeps the instrumentation's require hook from seeing `http`, so its patch is
 * applied to the `http` module by hand (the very object Fastify and supertest
 * use), and removed on uninstall. getModuleDefinitions is marked experimental
 * upstream: if it changes, this throws rather than test unpatched spans.
 */
export function installServiceTracing({ scrubbing = true }: ServiceTracingOptions = {}): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const memory = new SimpleSpanProcessor(exporter);
  const provider = new node.NodeTracerProvider({ spanProcessors: [scrubbing ? exportedSpans(memory) : memory] });
  provider.register();
  const instrumentation = new HttpInstrumentation({ ...serviceHttpInstrumentationConfig(), enabled: false });
  instrumentation.setTracerProvider(provider);
  const httpModule = instrumentation.getModuleDefinitions().find((definition) => definition.name === 'http');
  if (!httpModule?.patch || !httpModule.unpatch) throw new Error('the HTTP instrumentation no longer patches `http`');
  httpModule.patch(http);
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    uninstall: async () => {
      httpModule.unpatch?.(http);
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
