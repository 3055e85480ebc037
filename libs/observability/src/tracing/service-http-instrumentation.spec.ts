import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { installServiceTracing } from '../testing/in-memory-service-tracing';
import { type InMemoryTracing } from '../testing/in-memory-tracing';

const caseId = 'case_U291cmNlLWxldmVsLWlk';

/** One request with the instrumented client, settled once its connection has closed. */
function call(port: number, path: string, headers: http.OutgoingHttpHeaders): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const sent = http.request({ host: '127.0.0.1', port, path, headers: { ...headers, connection: 'close' } });
    sent.on('response', (response) => {
      status = response.statusCode ?? 0;
      response.resume();
    });
    sent.on('error', reject);
    sent.on('close', () => resolve(status));
    sent.end();
  });
}

/** What the HTTP instrumentation's settings keep off spans on their own, before the scrubbing processor. */
describe('the HTTP instrumentation as a service configures it', () => {
  let tracing: InMemoryTracing;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    tracing = installServiceTracing({ scrubbing: false });
    server = http.createServer((_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await tracing.uninstall();
  });
  beforeEach(() => tracing.reset());

  it('starts server spans without path, query, client or peer address, user agent or host', async () => {
    await call(port, `/cases/${caseId}?purpose=legal_representation`, {
      'user-agent': 'canary-agent/1',
      'x-forwarded-for': '203.0.113.66',
      forwarded: 'for=198.51.100.7;host=example.org',
    });

    const server = tracing.spans().find((span) => span.kind === SpanKind.SERVER);
    expect(server?.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200 });
    for (const key of [
      'url.path',
      'url.query',
      'client.address',
      'network.peer.address',
      'network.peer.port',
      'user_agent.original',
      'server.address',
    ])
      expect(server?.attributes).not.toHaveProperty([key]);
  });

  it('starts client spans without the URL or user agent, keeping the host called', async () => {
    await call(port, `/cases/${caseId}?purpose=legal_representation`, { 'user-agent': 'canary-agent/1' });

    const client = tracing.spans().find((span) => span.kind === SpanKind.CLIENT);
    expect(client?.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': port });
    expect(client?.attributes).not.toHaveProperty(['url.full']);
    expect(client?.attributes).not.toHaveProperty(['user_agent.original']);
  });

  it('still leaves the health and readiness probes untraced', async () => {
    await call(port, '/ready', {});

    expect(tracing.spans().filter((span) => span.kind === SpanKind.SERVER)).toEqual([]);
  });
});
