import { type Attributes, type Link, type SpanContext, type SpanStatus } from '@opentelemetry/api';
import { type ReadableSpan, type TimedEvent } from '@opentelemetry/sdk-trace-base';
import { containsCaseId, withoutCaseIds } from './case-ids-in-text';
import { EXPORTED_EVENT_ATTRIBUTES, EXPORTED_SPAN_ATTRIBUTES, OWN_TRACER_PREFIX } from './exported-attributes';

interface Kept {
  attributes: Attributes;
  dropped: number;
}

/**
 * The span as it may leave the process: attributes on the allow-list whose
 * values name no case, a name and event names without case ids or query
 * strings, free-text status messages only from this project's tracers, and
 * no vendor trace state (a client can send any text in `tracestate`). Trace
 * and span ids, kind, times, links and the resource are kept, so traces read
 * as before. The live span is not touched: this is a copy for the exporter.
 */
export function scrubSpan(span: ReadableSpan): ReadableSpan {
  const own = keep(span.attributes, EXPORTED_SPAN_ATTRIBUTES);
  const context = withoutTraceState(span.spanContext());
  return {
    name: scrubName(span.name),
    kind: span.kind,
    spanContext: () => context,
    parentSpanContext: span.parentSpanContext && withoutTraceState(span.parentSpanContext),
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    ended: span.ended,
    status: scrubStatus(span.status, span.instrumentationScope.name),
    attributes: own.attributes,
    links: span.links.map(scrubLink),
    events: span.events.map(scrubEvent),
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount + own.dropped,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

function keep(attributes: Attributes | undefined, allowed: ReadonlySet<string>): Kept {
  const kept: Attributes = {};
  let dropped = 0;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined) continue;
    if (allowed.has(key) && !namesACase(value)) kept[key] = value;
    else dropped += 1;
  }
  return { attributes: kept, dropped };
}

function namesACase(value: NonNullable<Attributes[string]>): boolean {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.some((entry) => typeof entry === 'string' && containsCaseId(entry));
}

/** Span names are route templates ("GET /cases/:caseId"); a raw path or a query string is cut back. */
function scrubName(name: string): string {
  return withoutCaseIds(name.split('?')[0] ?? '');
}

function scrubStatus(status: SpanStatus, tracer: string): SpanStatus {
  if (status.message === undefined) return status;
  return tracer.startsWith(OWN_TRACER_PREFIX)
    ? { code: status.code, message: withoutCaseIds(status.message) }
    : { code: status.code };
}

function scrubEvent(event: TimedEvent): TimedEvent {
  const kept = keep(event.attributes, EXPORTED_EVENT_ATTRIBUTES);
  return {
    time: event.time,
    name: scrubName(event.name),
    attributes: kept.attributes,
    droppedAttributesCount: (event.droppedAttributesCount ?? 0) + kept.dropped,
  };
}

function scrubLink(link: Link): Link {
  const kept = keep(link.attributes, EXPORTED_SPAN_ATTRIBUTES);
  return {
    context: withoutTraceState(link.context),
    attributes: kept.attributes,
    droppedAttributesCount: (link.droppedAttributesCount ?? 0) + kept.dropped,
  };
}

function withoutTraceState({ traceId, spanId, traceFlags, isRemote }: SpanContext): SpanContext {
  return { traceId, spanId, traceFlags, ...(isRemote === undefined ? {} : { isRemote }) };
}
