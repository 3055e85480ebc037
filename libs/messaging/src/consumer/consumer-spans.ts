import { type Context, context, type Link, type Span, SpanKind, trace } from '@opentelemetry/api';
import { type KafkaMessage } from 'kafkajs';
import { contextFromTraceparent } from '@app/observability';
import { HEADERS, headerValue } from '../kafka/headers';

const tracer = trace.getTracer('@app/messaging');

function producerContext(message: KafkaMessage): Context {
  return contextFromTraceparent(headerValue(message.headers, HEADERS.traceparent));
}

/** Runs `work` in a consumer span that continues the trace the message was published in. */
export async function inMessageSpan(
  topic: string,
  partition: number,
  message: KafkaMessage,
  work: () => Promise<void>,
): Promise<void> {
  const parent = producerContext(message);
  const span = tracer.startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.kafka.destination.partition': partition,
        'messaging.kafka.message.offset': Number(message.offset),
      },
    },
    parent,
  );
  try {
    await context.with(trace.setSpan(parent, span), work);
  } finally {
    span.end();
  }
}

/** Runs `work` in one consumer span for a batch, linked to the trace of each of its messages. */
export async function inBatchSpan(
  topic: string,
  partition: number,
  messages: KafkaMessage[],
  work: (span: Span) => Promise<void>,
): Promise<void> {
  const links: Link[] = messages
    .map((message) => ({ context: trace.getSpanContext(producerContext(message)) }))
    .filter((link): link is Link => link.context !== undefined);
  const span = tracer.startSpan(`${topic} process`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.kafka.destination.partition': partition,
      'messaging.batch.message_count': messages.length,
    },
  });
  try {
    await context.with(trace.setSpan(context.active(), span), () => work(span));
  } finally {
    span.end();
  }
}
