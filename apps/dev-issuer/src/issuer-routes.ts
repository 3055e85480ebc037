import { type IncomingMessage, type ServerResponse } from 'node:http';
import { SIGNING_ALGORITHM } from './signing-key';

export interface IssuerDocuments {
  readonly issuer: string;
  readonly jwksUri: string;
  jwks(): Promise<unknown>;
}

/** Serves discovery and the JWKS under the issuer's path; nothing else, and no token endpoint. */
export function issuerRoutes(documents: IssuerDocuments, onJwksServed: () => void) {
  const base = new URL(documents.issuer).pathname.replace(/\/$/, '');
  const jwksPath = new URL(documents.jwksUri).pathname;
  const discoveryPath = `${base}/.well-known/openid-configuration`;

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== jwksPath && path !== discoveryPath) return send(response, 404, { error: 'not_found' });
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, { error: 'method_not_allowed' });
    if (path === jwksPath) {
      onJwksServed();
      return send(response, 200, await documents.jwks());
    }
    send(response, 200, {
      issuer: documents.issuer,
      jwks_uri: documents.jwksUri,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      claims_supported: ['iss', 'aud', 'sub', 'org', 'roles', 'iat', 'nbf', 'exp', 'jti'],
    });
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    // Verifiers cache keys themselves (and must notice rotation); stale proxies must not.
    'cache-control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
