// Serves a FakeIntake over real HTTP on an ephemeral port, so the built CLI
// can be run as a child process against it (it then uses Node's own fetch).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type FakeIntake } from './fake-intake';

export interface FakeIntakeServer {
  /** The base URL to give the CLI, e.g. http://127.0.0.1:12345/api/. */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveFakeIntake(intake: FakeIntake): Promise<FakeIntakeServer> {
  const base = new URL(intake.baseUrl);
  const server: Server = createServer((request, response) => {
    void forward(intake, base, request).then(
      async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(await answer.text());
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Replays the HTTP request on the fake's fetch, under the fake's own base URL. */
async function forward(intake: FakeIntake, base: URL, request: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const headers = new Headers();
  if (request.headers.authorization) headers.set('authorization', request.headers.authorization);
  return intake.fetch(new URL(request.url ?? '/', base.origin), {
    method: request.method ?? 'GET',
    headers,
    ...(body.length > 0 ? { body } : {}),
  });
}
