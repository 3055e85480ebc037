import { type LoggerService } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type Producer, type ProducerBatch } from 'kafkajs';
import { type OutboxEntry, type OutboxStore } from '@app/persistence';
import { contextFromTraceparent, traceparentOf } from '@app/observability';
import { installInMemoryTracing, type InMemoryTracing } from '../../../observability/src/testing/in-memory-tracing';
import { OutboxRelay } from './outbox-relay';

const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

function storeWith(entries: OutboxEntry[]): OutboxStore {
  return {
    name: 'cases',
    findPending: () => Promise.resolve([{ documentId: 'case-1', entries }]),
    removePublished: () => Promise.resolve(),
  };
}

/** Records each message's traceparent header; fails every request when told to. */
function producerRecording(fail = false): Producer & { traceparents: (string | undefined)[] } {
  const traceparents: (string | undefined)[] = [];
  const sendBatch = (batch: ProducerBatch): Promise<never[]> => {
    if (fail) return Promise.reject(new Error('broker gone'));
    for (const topic of batch.topicMessages ?? []) {
      for (const message of topic.messages) {
        const header = message.headers?.traceparent;
        traceparents.push(header === undefined ? undefined : String(header));
      }
    }
    return Promise.resolve([]);
  };
  return { traceparents, sendBatch } as unknown as Producer & { traceparents: (string | undefined)[] };
}

describe('OutboxRelay producer spans', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = installInMemoryTracing();
  });
  afterAll(async () => {
    await tracing.uninstall();
  });
  beforeEach(() => tracing.reset());

  /** The span of the request that wrote the event, and the traceparent stored with it. */
  function requestSpan(): { spanId: string; traceId: string; traceparent: string } {
    const span = trace.getTracer('test').startSpan('POST /cases', { kind: SpanKind.SERVER });
    const traceparent = traceparentOf(trace.setSpan(contextFromTraceparent(undefined), span));
    span.end();
    if (!traceparent) throw new Error('no traceparent: tracing is not installed');
    return { ...span.spanContext(), traceparent };
  }

  const entry = (topic: string, traceparent?: string): OutboxEntry => ({
    eventId: `${topic}-1`,
    topic,
    key: 'case-1',
    value: '{}',
    createdAt: new Date(0),
    ...(traceparent ? { traceparent } : {}),
  });

  it('publishes each event under a PRODUCER span that is a child of the stored context', async () => {
    const request = requestSpan();
    const producer = producerRecording();
    const relay = new OutboxRelay([storeWith([entry('case.opened', request.traceparent)])], producer, logger);

    await relay.drainOnce();

    const producerSpans = tracing.spans().filter((span) => span.kind === SpanKind.PRODUCER);
    expect(producerSpans).toHaveLength(1);
    const [span] = producerSpans;
    expect(span?.name).toBe('case.opened send');
    expect(span?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'case.opened',
      'messaging.operation.type': 'send',
    });
    expect(span?.spanContext().traceId).toBe(request.traceId);
    expect(span?.parentSpanContext?.spanId).toBe(request.spanId);
  });

  it("sends the producer span's context in the message headers, so consumer spans become its children", async () => {
    const request = requestSpan();
    const producer = producerRecording();
    const relay = new OutboxRelay([storeWith([entry('case.opened', request.traceparent)])], producer, logger);

    await relay.drainOnce();

    const [span] = tracing.spans().filter((s) => s.kind === SpanKind.PRODUCER);
    expect(producer.traceparents).toHaveLength(1);
    expect(producer.traceparents[0]).not.toBe(request.traceparent);
    // What the consumer does with the header (reliable-kafka-server): its parent is the producer span.
    const consumerParent = trace.getSpanContext(contextFromTraceparent(producer.traceparents[0]));
    expect(consumerParent?.spanId).toBe(span?.spanContext().spanId);
    expect(consumerParent?.traceId).toBe(request.traceId);
  });

  it('says nothing of the message key, the case id, on the producer span', async () => {
    const caseId = 'case_UHJvZHVjZXItc3Bhbi0x';
    const producer = producerRecording();
    const keyed = { ...entry('intake.case.opened.v1', requestSpan().traceparent), key: caseId };
    const relay = new OutboxRelay(
      [storeWith([{ ...keyed, value: JSON.stringify({ data: { caseId } }) }])],
      producer,
      logger,
    );

    await relay.drainOnce();

    const [span] = tracing.spans().filter((s) => s.kind === SpanKind.PRODUCER);
    expect(span?.name).toBe('intake.case.opened.v1 send');
    expect(JSON.stringify({ name: span?.name, attributes: span?.attributes, links: span?.links })).not.toContain(
      caseId,
    );
  });

  it('starts a trace at the producer span for an event stored without one', async () => {
    const producer = producerRecording();
    const relay = new OutboxRelay([storeWith([entry('case.opened')])], producer, logger);

    await relay.drainOnce();

    const [span] = tracing.spans().filter((s) => s.kind === SpanKind.PRODUCER);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(producer.traceparents[0]).toContain(span?.spanContext().spanId);
  });

  it('ends the spans of a failed request with an error status', async () => {
    const relay = new OutboxRelay(
      [storeWith([entry('case.opened', requestSpan().traceparent)])],
      producerRecording(true),
      logger,
    );

    await expect(relay.drainOnce()).rejects.toThrow('broker gone');

    const [span] = tracing.spans().filter((s) => s.kind === SpanKind.PRODUCER);
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error' });
  });
});
