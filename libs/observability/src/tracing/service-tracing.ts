import { type Attributes } from '@opentelemetry/api';
import { type HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import { type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_NETWORK_PEER_ADDRESS,
  ATTR_NETWORK_PEER_PORT,
  ATTR_SERVER_ADDRESS,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import { ScrubbingSpanProcessor } from './scrubbing-span-processor';

/**
 * What the HTTP instrumentation would put on a server span and must not: the
 * raw path and query (case ids, sections, purposes), the client's address
 * (which it reads from X-Forwarded-For and Forwarded whoever sent them, so a
 * client could also forge it), the peer's address, the user agent, and the
 * Host header. The route template and status say what a request was.
 */
const WITHHELD_FROM_SERVER_SPANS: Attributes = {
  [ATTR_URL_PATH]: undefined,
  [ATTR_URL_QUERY]: undefined,
  [ATTR_CLIENT_ADDRESS]: undefined,
  [ATTR_NETWORK_PEER_ADDRESS]: undefined,
  [ATTR_NETWORK_PEER_PORT]: undefined,
  [ATTR_USER_AGENT_ORIGINAL]: undefined,
  [ATTR_SERVER_ADDRESS]: undefined,
};

/** On a client span, the URL may carry ids and a query; the host and port called are enough. */
const WITHHELD_FROM_CLIENT_SPANS: Attributes = {
  [ATTR_URL_FULL]: undefined,
  [ATTR_USER_AGENT_ORIGINAL]: undefined,
};

/**
 * The HTTP instrumentation's settings for a service. Only inbound/outbound
 * HTTP is patched; Kafka spans are made by the messaging library, which knows
 * which stored traceparent an event carries.
 *
 * The start hooks' attributes are merged over the instrumentation's own, and
 * the SDK sets no attribute whose value is undefined, so these keys never
 * reach the span. Attributes set later (the peer address of a client span's
 * response) are left to the scrubbing processor.
 */
export function serviceHttpInstrumentationConfig(): HttpInstrumentationConfig {
  return {
    ignoreIncomingRequestHook: (request) => /^\/(health|ready)$/.test(request.url ?? ''),
    startIncomingSpanHook: () => ({ ...WITHHELD_FROM_SERVER_SPANS }),
    startOutgoingSpanHook: () => ({ ...WITHHELD_FROM_CLIENT_SPANS }),
    // No header is copied onto spans (the default, stated so no one adds one casually).
    headersToSpanAttributes: {
      client: { requestHeaders: [], responseHeaders: [] },
      server: { requestHeaders: [], responseHeaders: [] },
    },
  };
}

/** What stands between a service's spans and the processor that exports them. */
export function exportedSpans(exporting: SpanProcessor): SpanProcessor {
  return new ScrubbingSpanProcessor(exporting);
}
