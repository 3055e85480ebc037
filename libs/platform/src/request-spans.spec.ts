import { once } from 'node:events';
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind } from '@opentelemetry/api';
import { type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { createServiceLogger } from '@app/observability';
import { installServiceTracing } from '../../observability/src/testing/in-memory-service-tracing';
import { type InMemoryTracing } from '../../observability/src/testing/in-memory-tracing';
import { correlateRequests, logCompletedRequests } from './request-log';
import { nameServerSpansByRoute } from './route-span-names';
import { serviceHttpAdapter } from './service-http-adapter';

const caseId = 'case_Q2FuYXJ5LWNhc2UtaWQtMQ';
const section = 'identity';
const purpose = 'legal_representation';
const userAgent = 'Mozilla/5.0 (X11; Linux) canary-agent/4711';
/** Addresses a client claims to be; none of them may be believed or exported. */
const forged = ['203.0.113.66', '198.51.100.7'];
/** What the trusted proxy (the test runner) appends: the address it saw the client at. */
const seenByProxy = '192.0.2.44';

/** Only these may describe a request in an exported span: nothing a client chose, nothing that names them. */
const SERVER_SPAN_KEYS = [
  'http.request.method',
  'http.response.status_code',
  'http.route',
  'url.scheme',
  'network.protocol.version',
  'server.port',
  'error.type',
];
const CLIENT_SPAN_KEYS = [...SERVER_SPAN_KEYS, 'server.address'];

@Controller()
class ProbeController {
  /** The client address a per-client limit keys on (the receipt-lookup throttle reads request.ip). */
  @Get('cases/:caseId/sections/:section')
  read(@Req() req: { ip: string; socket: { remoteAddress?: string } }): { ip: string; socket: string } {
    return { ip: req.ip, socket: req.socket.remoteAddress ?? '' };
  }
}

/** Wired as bootstrapService wires a service's HTTP side. */
async function startApp(trustedProxies: readonly string[], log: string[]): Promise<NestFastifyApplication> {
  const root = createServiceLogger('intake', 'info', { write: (line: string) => void log.push(line) });
  @Module({ controllers: [ProbeController] })
  class ProbeModule {}
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, serviceHttpAdapter(trustedProxies), {
    logger: false,
  });
  correlateRequests(app);
  nameServerSpansByRoute(app);
  logCompletedRequests(app, root);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Everything a span exports but its resource: name, attributes, events, status and links. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
    traceState: span.spanContext().traceState?.serialize(),
  });
}

describe('request spans as a service exports them', () => {
  let tracing: InMemoryTracing;
  const log: string[] = [];
  let direct: NestFastifyApplication;
  let behindProxy: NestFastifyApplication;
  const closed: Promise<unknown>[] = [];

  beforeAll(async () => {
    tracing = installServiceTracing();
    direct = await startApp([], log);
    // The test runner plays the proxy in front of the service.
    behindProxy = await startApp(['127.0.0.1'], log);
  });
  afterAll(async () => {
    await Promise.all(closed);
    await direct.close();
    await behindProxy.close();
    await tracing.uninstall();
  });
  beforeEach(() => {
    tracing.reset();
    log.length = 0;
  });

  /**
   * One request, on a connection closed with its response. The
   * instrumentation listens for the client request's close; afterAll waits
   * for every close, so that none comes after tracing is uninstalled.
   */
  const get = (app: NestFastifyApplication, path: string) => {
    const pending = request(app.getHttpServer()).get(path).set('connection', 'close');
    pending.on('request', () => closed.push(once(pending.req, 'close')));
    return pending;
  };

  /** What the probe answered: the address a limit would key on, and the socket's. */
  const addressesFrom = (response: { body: unknown }) => response.body as { ip: string; socket: string };

  const read = (app: NestFastifyApplication, forwardedFor: string) =>
    get(app, `/cases/${caseId}/sections/${section}?purpose=${purpose}&name=Valentina`)
      .set('user-agent', userAgent)
      .set('x-forwarded-for', forwardedFor)
      // The instrumentation reads the standard header as well as X-Forwarded-For.
      .set('forwarded', `for=${forged[1]}`)
      .expect(200);

  const spansOf = (kind: SpanKind) => tracing.spans().filter((span) => span.kind === kind);

  /** Every span exported for the request just made: its server span and supertest's client span. */
  function exportedForOneRequest(): ReadableSpan[] {
    expect(spansOf(SpanKind.SERVER)).toHaveLength(1);
    expect(spansOf(SpanKind.CLIENT)).toHaveLength(1);
    return tracing.spans();
  }

  it('names the server span by route and keeps the trace; exports no case id, section, purpose or query', async () => {
    await read(direct, forged[0]!);

    const [server] = spansOf(SpanKind.SERVER);
    expect(server?.name).toBe('GET /cases/:caseId/sections/:section');
    expect(server?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/cases/:caseId/sections/:section',
      'http.response.status_code': 200,
    });
    // The caller's span (supertest's request, traced by the same instrumentation) is the server span's parent.
    const [client] = spansOf(SpanKind.CLIENT);
    expect(server?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(server?.spanContext().traceId).toBe(client?.spanContext().traceId);

    for (const span of exportedForOneRequest()) {
      for (const secret of [caseId, `/sections/${section}`, purpose, 'Valentina', '?'])
        expect(exported(span)).not.toContain(secret);
    }
  });

  it('exports only the attributes it means to, on server and client spans alike', async () => {
    await read(direct, forged[0]!);

    const [server] = spansOf(SpanKind.SERVER);
    const [client] = spansOf(SpanKind.CLIENT);
    expect(Object.keys(server?.attributes ?? {}).filter((key) => !SERVER_SPAN_KEYS.includes(key))).toEqual([]);
    expect(Object.keys(client?.attributes ?? {}).filter((key) => !CLIENT_SPAN_KEYS.includes(key))).toEqual([]);
  });

  it('exports no user agent and no client address, forged or real', async () => {
    await read(direct, forged.join(', '));

    for (const span of exportedForOneRequest()) {
      for (const secret of [userAgent, 'canary-agent', ...forged]) expect(exported(span)).not.toContain(secret);
    }
    const [server] = spansOf(SpanKind.SERVER);
    expect(exported(server!)).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('with no trusted proxy, believes the socket and not a forged X-Forwarded-For, in limits and logs', async () => {
    const { ip, socket } = addressesFrom(await read(direct, forged.join(', ')));

    expect(socket).toMatch(/127\.0\.0\.1/);
    expect(ip).toBe(socket);
    expect(log.join('')).toContain('request completed');
    for (const secret of [userAgent, ...forged]) expect(log.join('')).not.toContain(secret);
  });

  it('behind a trusted proxy, believes only the address the proxy appended, and exports none', async () => {
    // The client sent "203.0.113.66, 198.51.100.7" itself; the proxy appended the address it saw.
    const { ip } = addressesFrom(await read(behindProxy, `${forged.join(', ')}, ${seenByProxy}`));

    expect(ip).toBe(seenByProxy);
    for (const span of exportedForOneRequest()) {
      for (const secret of [seenByProxy, ...forged]) expect(exported(span)).not.toContain(secret);
    }
    for (const secret of [seenByProxy, ...forged]) expect(log.join('')).not.toContain(secret);
  });

  it('names an unmatched request by method alone and exports nothing of its path', async () => {
    await get(direct, `/nowhere/${caseId}?purpose=${purpose}`).expect(404);

    const [server] = spansOf(SpanKind.SERVER);
    expect(server?.name).toBe('GET');
    for (const span of exportedForOneRequest())
      for (const secret of [caseId, purpose]) expect(exported(span)).not.toContain(secret);
  });
});
