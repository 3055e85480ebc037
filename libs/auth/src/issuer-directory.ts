import { Logger } from '@nestjs/common';
import { type CheckedAuthOptions } from './auth-options';
import { fetchJwks } from './jwks/fetch-jwks';
import { RemoteKeySet } from './jwks/remote-key-set';
import { verificationKeysFrom } from './jwks/verification-keys';
import { mayAssertOrganization, type TrustedIssuer } from './trusted-issuer';

const logger = new Logger('JwksKeyProvider');

interface Entry {
  readonly trusted: TrustedIssuer;
  readonly keys: RemoteKeySet;
}

/** The configured issuers by exact identifier, each with its own key set. */
export class IssuerDirectory {
  private readonly entries: ReadonlyMap<string, Entry>;

  constructor(options: Pick<CheckedAuthOptions, 'issuers' | 'jwks'>) {
    this.entries = new Map(
      options.issuers.map((trusted) => {
        const keys = new RemoteKeySet(
          async () => verificationKeysFrom(await fetchJwks(trusted.jwksUri, options.jwks.timeoutMs)),
          options.jwks,
          {
            // The issuer is configuration, not token content; the operator needs to know which provider failed.
            fetchFailed: (failure, keptKeys) =>
              logger.warn({
                msg: 'signing keys unavailable',
                issuer: trusted.issuer,
                cause: failure.reason,
                ...(failure.status === undefined ? {} : { status: failure.status }),
                keptKeys,
              }),
          },
        );
        return [trusted.issuer, { trusted, keys }] as const;
      }),
    );
  }

  get identifiers(): string[] {
    return [...this.entries.keys()];
  }

  /** The key set of the issuer a token names, if it is one we trust. */
  keysOf(issuer: unknown): RemoteKeySet | undefined {
    return typeof issuer === 'string' ? this.entries.get(issuer)?.keys : undefined;
  }

  mayAssert(issuer: unknown, orgId: string): boolean {
    const entry = typeof issuer === 'string' ? this.entries.get(issuer) : undefined;
    return entry !== undefined && mayAssertOrganization(entry.trusted, orgId);
  }
}
