import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type JWK } from 'jose';

/** How the server answers a JWKS request. */
export type JwksBehaviour =
  'good' | 'http_error' | 'not_json' | 'not_a_key_set' | 'empty_key_set' | 'redirect' | 'silent' | 'oversized';

/**
 * A JWKS endpoint standing in for an identity provider that can be told to
 * misbehave; it serves the keys it is given while `good`.
 */
export class JwksServer {
  behaviour: JwksBehaviour = 'good';
  requests = 0;
  private server: Server | undefined;

  constructor(private readonly keys: () => Promise<JWK[]>) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('JwksServer: not started');
    return `http://127.0.0.1:${address.port}/jwks.json`;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      this.requests += 1;
      void this.answer(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(response: import('node:http').ServerResponse): Promise<void> {
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    switch (this.behaviour) {
      case 'good':
        return json(200, { keys: await this.keys() });
      case 'http_error':
        return json(503, { error: 'unavailable' });
      case 'not_json':
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
        return;
      case 'not_a_key_set':
        return json(200, { kees: await this.keys() });
      case 'empty_key_set':
        return json(200, { keys: [] });
      case 'redirect':
        response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere.json' }).end();
        return;
      case 'oversized':
        return json(200, { keys: await this.keys(), padding: 'x'.repeat(300 * 1024) });
      case 'silent':
        return; // never answers; the verifier's timeout must cut it off
    }
  }
}
