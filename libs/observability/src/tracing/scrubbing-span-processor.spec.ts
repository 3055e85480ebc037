import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, createTraceState } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ScrubbingSpanProcessor } from './scrubbing-span-processor';

const caseId = 'case_U2NydWJiaW5nLXRlc3QtMQ';
const remoteParent = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: createTraceState(`vendor=${caseId}`),
};

describe('ScrubbingSpanProcessor', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new ScrubbingSpanProcessor(new SimpleSpanProcessor(exporter))],
  });
  const http = provider.getTracer('@opentelemetry/instrumentation-http');
  const ours = provider.getTracer('@app/messaging');
  afterAll(() => provider.shutdown());
  beforeEach(() => exporter.reset());

  function exportedOnly(): ReadableSpan {
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    return spans[0]!;
  }

  it('exports only allow-listed attributes and counts the others as dropped', () => {
    http
      .startSpan('GET /cases/:caseId', {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'GET',
          'http.route': '/cases/:caseId',
          'http.response.status_code': 200,
          'url.path': `/cases/${caseId}`,
          'url.query': 'purpose=legal_representation',
          'client.address': '203.0.113.66',
          'user_agent.original': 'canary-agent/1',
          'http.request.header.x-forwarded-for': ['203.0.113.66'],
          'enduser.id': 'staff_org_a',
        },
      })
      .end();

    const span = exportedOnly();
    expect(span.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/cases/:caseId',
      'http.response.status_code': 200,
    });
    expect(span.droppedAttributesCount).toBe(6);
  });

  it('drops an allow-listed attribute whose value names a case, alone or in a list', () => {
    ours
      .startSpan('intake.case.opened.v1 send', {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': `cases.${caseId}`,
          'http.route': [`/cases/${caseId}`],
        },
      })
      .end();

    expect(exportedOnly().attributes).toEqual({ 'messaging.system': 'kafka' });
  });

  it('cuts case ids and query strings out of span and event names', () => {
    const span = http.startSpan(`GET /cases/${caseId}/sections?purpose=legal_representation`);
    span.addEvent(`retry of ${caseId}`);
    span.end();

    const exported = exportedOnly();
    expect(exported.name).toBe('GET /cases/{caseId}/sections');
    expect(exported.events.map((event) => event.name)).toEqual(['retry of {caseId}']);
  });

  it("keeps an exception event's type, never its message or stack", () => {
    const span = http.startSpan('POST /cases');
    span.recordException(
      Object.assign(new Error(`E11000 dup key: { name: "Valentina Reyes", caseId: "${caseId}" }`), {
        name: 'MongoServerError',
      }),
    );
    span.end();

    const [event] = exportedOnly().events;
    expect(event?.name).toBe('exception');
    expect(event?.attributes).toEqual({ 'exception.type': 'MongoServerError' });
    expect(JSON.stringify(exportedOnly())).not.toContain('Valentina');
  });

  it("drops a third-party instrumentation's status message (an error's message), keeping the code", () => {
    const span = http.startSpan('GET');
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'socket hang up while sending Valentina Reyes' });
    span.end();

    expect(exportedOnly().status).toEqual({ code: SpanStatusCode.ERROR });
  });

  it("keeps this project's own status messages, without case ids", () => {
    const span = ours.startSpan('intake.case.opened.v1 process');
    span.setStatus({ code: SpanStatusCode.ERROR, message: `dead-lettered ${caseId}` });
    span.end();

    expect(exportedOnly().status).toEqual({ code: SpanStatusCode.ERROR, message: 'dead-lettered {caseId}' });
  });

  it('keeps trace and span ids, parent, kind, times and links, without trace state or link attributes', () => {
    const linked = { ...remoteParent, spanId: 'c7ad6b7169203332' };
    const span = ours.startSpan(
      'intake.case.opened.v1 process',
      { kind: SpanKind.CONSUMER, links: [{ context: linked, attributes: { 'messaging.message.id': caseId } }] },
      trace.setSpanContext(ROOT_CONTEXT, remoteParent),
    );
    span.end();

    const exported = exportedOnly();
    expect(exported.kind).toBe(SpanKind.CONSUMER);
    expect(exported.spanContext()).toEqual({
      traceId: remoteParent.traceId,
      spanId: span.spanContext().spanId,
      traceFlags: TraceFlags.SAMPLED,
    });
    // The live span inherited the parent's trace state; the exported copy has none.
    expect(span.spanContext().traceState?.serialize()).toBe(`vendor=${caseId}`);
    expect(exported.parentSpanContext).toEqual({
      traceId: remoteParent.traceId,
      spanId: remoteParent.spanId,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(exported.links).toEqual([
      {
        context: { traceId: linked.traceId, spanId: linked.spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true },
        attributes: {},
        droppedAttributesCount: 1,
      },
    ]);
    expect(exported.endTime).toEqual((span as unknown as ReadableSpan).endTime);
    expect(JSON.stringify(exported)).not.toContain(caseId);
  });
});
