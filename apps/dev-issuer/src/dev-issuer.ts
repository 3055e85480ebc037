import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type JWK, type JWTPayload } from 'jose';
import { ANY_ORGANIZATION, DEVELOPMENT_ISSUER_SEGMENT, isDevelopmentIssuer, type TrustedIssuer } from '@app/auth';
import { FileKeyStore } from './file-key-store';
import { issuerRoutes } from './issuer-routes';
import { KeyRing, nowInSeconds } from './key-ring';
import { MemoryKeyStore } from './key-store';
import { MAX_TTL_SECONDS, type MintRequest, principalClaims } from './mint-claims';
import { type ExtraHeader, signJwt } from './sign-jwt';

export type { MintRequest } from './mint-claims';
export type { ExtraHeader } from './sign-jwt';

export const DEFAULT_AUDIENCE = 'refugio-api';
// Longer than the longest token we mint, plus the verifiers' clock tolerance.
const DEFAULT_RETIRED_KEY_LIFETIME_SECONDS = MAX_TTL_SECONDS + 300;

export interface DevIssuerOptions {
  /** Keep keys in `<stateDir>/keys.json`, shared with the token CLI. Omitted: in memory, gone on exit. */
  readonly stateDir?: string;
  /**
   * A fixed `iss`, with a `dev-issuer` path segment (services recognise the
   * development issuer by it). By default `http://<host>:<bound port>/dev-issuer`,
   * known once started.
   */
  readonly issuer?: string;
  readonly audience?: string;
  /** Interface to listen on; loopback unless told otherwise. */
  readonly host?: string;
  readonly retiredKeyLifetimeSeconds?: number;
}

/**
 * A development OpenID-style issuer: publishes discovery and a JWKS over
 * HTTP and mints ES256 tokens in-process. For the local stack and tests only;
 * it signs whatever it is asked to.
 */
export class DevIssuer {
  readonly audience: string;
  private readonly keys: KeyRing;
  private readonly host: string;
  private server: Server | undefined;
  private boundPort: number | undefined;
  private jwksServed = 0;

  constructor(private readonly options: DevIssuerOptions = {}) {
    if (options.issuer !== undefined && !isDevelopmentIssuer(options.issuer)) {
      const segment = `/${DEVELOPMENT_ISSUER_SEGMENT}`;
      throw new Error(`DevIssuer: the issuer must have a "${segment}" path segment, so services can recognise it`);
    }
    this.audience = options.audience ?? DEFAULT_AUDIENCE;
    this.host = options.host ?? '127.0.0.1';
    const store = options.stateDir ? new FileKeyStore(options.stateDir) : new MemoryKeyStore();
    this.keys = new KeyRing(store, options.retiredKeyLifetimeSeconds ?? DEFAULT_RETIRED_KEY_LIFETIME_SECONDS);
  }

  get issuer(): string {
    if (this.options.issuer) return this.options.issuer.replace(/\/$/, '');
    if (this.boundPort === undefined) throw new Error('DevIssuer: no issuer configured and the server is not started');
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.boundPort}/${DEVELOPMENT_ISSUER_SEGMENT}`;
  }

  get jwksUri(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  /**
   * This issuer as a service's AuthModule trusts it (one entry of AUTH_ISSUERS).
   * Any organization by default: the development issuer mints tokens for
   * whatever organization a test or developer asks, and only outside production.
   */
  trustedIssuer(organizations: readonly string[] | typeof ANY_ORGANIZATION = ANY_ORGANIZATION): TrustedIssuer {
    return { issuer: this.issuer, jwksUri: this.jwksUri, organizations };
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  /** How often the JWKS was fetched: lets tests see that verifiers cache keys. */
  get jwksRequests(): number {
    return this.jwksServed;
  }

  async start(port = 0): Promise<this> {
    if (this.server) throw new Error('DevIssuer: already started');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    const routes = issuerRoutes(
      { issuer: this.issuer, jwksUri: this.jwksUri, jwks: () => this.keys.jwks() },
      () => (this.jwksServed += 1),
    );
    server.on('request', (request, response) => {
      routes(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Verifiers fetch the JWKS over keep-alive connections; don't wait for them to idle out.
      server.closeAllConnections();
    });
  }

  /** A token for a staff member, as the organization's identity provider would issue it. */
  async mint(request: MintRequest): Promise<string> {
    return this.sign(principalClaims(request, this.issuer, this.audience, nowInSeconds()));
  }

  /** Signs arbitrary claims and header fields with the current key (for tests of what verifiers reject). */
  async sign(claims: JWTPayload, extraHeader?: ExtraHeader): Promise<string> {
    return signJwt(await this.keys.signingKey(), claims, extraHeader);
  }

  async currentKid(): Promise<string> {
    return (await this.keys.signingKey()).kid;
  }

  /** The public JWKS, read directly (not counted in `jwksRequests`). */
  async publicKeys(): Promise<JWK[]> {
    return (await this.keys.jwks()).keys;
  }

  /** Signs with a new key from now on; the old key stays in the JWKS. Returns the new kid. */
  async rotateKeys(): Promise<string> {
    return (await this.keys.rotate()).kid;
  }
}
