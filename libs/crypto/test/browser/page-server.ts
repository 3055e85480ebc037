// Serves the bundle on a real http://127.0.0.1 origin (a secure context, so
// WebCrypto is complete), not file://.
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

// The empty icon keeps Chromium from requesting /favicon.ico, whose 404 would
// show up as a console error in the test's page-error check.
const PAGE =
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
  '<title>crypto SDK in a browser</title><script src="/sdk.js"></script>';

export async function startPageServer(script: string): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const body = request.url === '/sdk.js' ? script : request.url === '/' ? PAGE : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = request.url === '/sdk.js' ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
