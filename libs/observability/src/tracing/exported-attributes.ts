import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';

/**
 * The span attributes a service exports; every other key is dropped before
 * export. What a trace needs to be read (method, route template, status,
 * topic, partition, offset), never what a request carried or who sent it: no
 * path or query (`url.path`, `url.query`, `url.full`, `http.target`), no
 * client or peer address (`client.address`, `network.peer.address`,
 * `net.peer.ip`, `http.client_ip`), no user agent, no header, no message key.
 * A new attribute is exported only once someone adds it here, on purpose.
 */
export const EXPORTED_SPAN_ATTRIBUTES: ReadonlySet<string> = new Set([
  // HTTP (stable semantic conventions). server.address is the host a client span called;
  // the instrumentation's hooks keep it off server spans, where a client's Host header sets it.
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_SCHEME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_ERROR_TYPE,
  // Kafka spans (libs/observability producer-span, libs/messaging consumer-spans)
  'messaging.system',
  'messaging.destination.name',
  'messaging.operation.type',
  'messaging.kafka.destination.partition',
  'messaging.kafka.message.offset',
  'messaging.batch.message_count',
]);

/**
 * Attributes of span events. An exception event keeps its type (the error's
 * class name); its message and stack trace can quote stored values
 * ("E11000 dup key: { name: … }"), as the log options explain for log lines.
 */
export const EXPORTED_EVENT_ATTRIBUTES: ReadonlySet<string> = new Set([ATTR_EXCEPTION_TYPE]);

/**
 * Tracers whose status messages are exported: this project's own, which
 * write fixed phrases and error names. A third-party instrumentation's
 * status message is an error's message, free text, and is dropped.
 */
export const OWN_TRACER_PREFIX = '@app/';
