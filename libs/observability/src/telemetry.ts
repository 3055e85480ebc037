import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { exportedSpans, serviceHttpInstrumentationConfig } from './tracing/service-tracing';

let sdk: NodeSDK | undefined;

/**
 * Starts tracing. Must run before the HTTP stack is loaded, so main.ts calls it
 * first and imports the application afterwards. Spans are exported over OTLP
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it trace ids still flow
 * through requests, Kafka headers and log lines.
 */
export function startTelemetry(serviceName: string): void {
  if (sdk) return;
  // Without an exporter a processor is still registered, so that a real tracer
  // provider exists and trace ids are made and propagated.
  const spanProcessors: SpanProcessor[] = [
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? exportedSpans(new BatchSpanProcessor(new OTLPTraceExporter()))
      : new NoopSpanProcessor(),
  ];
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors,
    instrumentations: [new HttpInstrumentation(serviceHttpInstrumentationConfig())],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
