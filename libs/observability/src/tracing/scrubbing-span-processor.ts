import { type Context } from '@opentelemetry/api';
import { type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { scrubSpan } from './scrub-span';

/**
 * The last line of defence in front of the exporter: whatever an
 * instrumentation or a careless `setAttribute` put on a span, the processor
 * that exports it sees only the scrubbed copy (scrubSpan). The instrumentation
 * settings already keep paths, queries, addresses and user agents off spans;
 * this catches what they miss, including attributes a library adds later.
 */
export class ScrubbingSpanProcessor implements SpanProcessor {
  constructor(private readonly exporting: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.exporting.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.exporting.onEnd(scrubSpan(span));
  }

  forceFlush(): Promise<void> {
    return this.exporting.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.exporting.shutdown();
  }
}
