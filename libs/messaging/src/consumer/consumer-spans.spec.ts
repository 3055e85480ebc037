import { SpanKind, trace } from '@opentelemetry/api';
import { type KafkaMessage } from 'kafkajs';
import { type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { installInMemoryTracing, type InMemoryTracing } from '../../../observability/src/testing/in-memory-tracing';
import { HEADERS } from '../kafka/headers';
import { inBatchSpan, inMessageSpan } from './consumer-spans';

const caseId = 'case_Q29uc3VtZXItc3Bhbi0x';
const topic = 'intake.case.opened.v1';
const producerTrace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

/** A message as a consumer receives it: keyed by its case, with the case in its value and a header. */
function message(offset: string): KafkaMessage {
  return {
    key: Buffer.from(caseId),
    value: Buffer.from(JSON.stringify({ data: { caseId } })),
    timestamp: '0',
    attributes: 0,
    offset,
    headers: {
      [HEADERS.traceparent]: `00-${producerTrace.traceId}-${producerTrace.spanId}-01`,
      [HEADERS.dlqOriginalTopic]: topic,
      'x-aggregate': caseId,
    },
  };
}

function exported(span: ReadableSpan): string {
  return JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events, links: span.links });
}

/** What the consumer's spans say of a message, before any scrubbing: where it was, never its key or headers. */
describe('consumer spans', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = installInMemoryTracing();
  });
  afterAll(() => tracing.uninstall());
  beforeEach(() => tracing.reset());

  it("continues the producer's trace with topic, partition and offset, and no key, value or header", async () => {
    await inMessageSpan(topic, 2, message('42'), () => Promise.resolve());

    const [span] = tracing.spans();
    expect(span?.kind).toBe(SpanKind.CONSUMER);
    expect(span?.name).toBe(`${topic} process`);
    expect(span?.attributes).toEqual({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.kafka.destination.partition': 2,
      'messaging.kafka.message.offset': 42,
    });
    expect(span?.spanContext().traceId).toBe(producerTrace.traceId);
    expect(span?.parentSpanContext?.spanId).toBe(producerTrace.spanId);
    expect(exported(span!)).not.toContain(caseId);
  });

  it("links a batch span to each message's trace, with no key, value or header", async () => {
    await inBatchSpan(topic, 0, [message('7'), message('8')], (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      return Promise.resolve();
    });

    const [span] = tracing.spans();
    expect(span?.attributes).toEqual({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.kafka.destination.partition': 0,
      'messaging.batch.message_count': 2,
    });
    expect(span?.links.map((link) => link.context.spanId)).toEqual([producerTrace.spanId, producerTrace.spanId]);
    expect(exported(span!)).not.toContain(caseId);
  });
});
