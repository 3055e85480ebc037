import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** OTLP/JSON (opentelemetry-proto's JSON mapping), as much of it as the scan reads. */
interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: KeyValue[];
}
interface ExportTraceServiceRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

export interface ReceivedSpan {
  /** The exporting process's service.name. */
  service: string;
  span: OtlpSpan;
}

/** OTLP span kinds (SPAN_KIND_SERVER = 2 …), which the JSON mapping sends as numbers. */
export const OTLP_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

/**
 * A collector in the test: an OTLP/HTTP receiver the spawned services export
 * to (OTLPTraceExporter sends JSON). Every request body is kept as it came,
 * whatever the signal (NodeSDK also pushes metrics, as protobuf), so a scan
 * reads all of it; spans are also parsed, to tell which service sent what.
 */
export class SpanReceiver {
  /** Every export request's body, as text (protobuf's strings stay readable in it). */
  readonly bodies: { path: string; text: string }[] = [];
  readonly spans: ReceivedSpan[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SpanReceiver> {
    const server = createServer();
    const receiver = new SpanReceiver(server);
    server.on('request', (request: IncomingMessage, response) => {
      void receiver.receive(request).then(
        (status) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}'),
        () => response.writeHead(400).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** For each spawned service: export here, in batches sent at most 200 ms after a span ends. */
  env(): Record<string, string> {
    return { OTEL_EXPORTER_OTLP_ENDPOINT: this.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' };
  }

  servicesSeen(): Set<string> {
    return new Set(this.spans.map((received) => received.service));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async receive(request: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
    const path = request.url ?? '';
    this.bodies.push({ path, text: body.toString('latin1') });
    if (path === '/v1/traces') this.collect(JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest);
    return 200;
  }

  private collect(request: ExportTraceServiceRequest): void {
    for (const { resource, scopeSpans } of request.resourceSpans ?? []) {
      const service =
        resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value?.stringValue ?? '?';
      for (const { spans } of scopeSpans ?? []) for (const span of spans ?? []) this.spans.push({ service, span });
    }
  }
}
