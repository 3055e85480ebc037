import { DomainError } from './domain-error';
import { type CodeOf, defineErrorCatalog } from './error-catalog';

/**
 * Codes every service can answer with: the HTTP layer's (validation, bodies,
 * auth, routing), the generic ones, and the crypto SDK's codes as a service
 * relays them (libs/crypto/README.md). Every service's filter knows these.
 */
export const PLATFORM_ERRORS = defineErrorCatalog('platform', {
  'REQUEST.VALIDATION_FAILED': {
    status: 400,
    when: 'body, query or path failed validation; `errors` lists fields and rules',
  },
  'REQUEST.INVALID': { status: 400, when: 'malformed request (e.g. unparseable JSON)' },
  'REQUEST.PROTOTYPE_KEY': {
    status: 400,
    when:
      'valid JSON with a `__proto__` key, or a `constructor` key holding `prototype` ' +
      '(refused: prototype pollution)',
  },
  'AUTH.UNAUTHENTICATED': { status: 401, when: 'no token, or a token that failed verification' },
  'AUTH.FORBIDDEN': { status: 403, when: 'the token lacks a role the route needs' },
  'ROUTE.NOT_FOUND': { status: 404, when: 'no such route' },
  'REQUEST.METHOD_NOT_ALLOWED': {
    status: 405,
    when: 'the path exists but not with this method; `Allow` lists the methods it serves',
  },
  'REQUEST.CONFLICT': { status: 409, when: 'a conflict the framework raised rather than the domain' },
  'REQUEST.TOO_LARGE': { status: 413, when: 'body over the limit' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    status: 415,
    when: 'a body whose content type is not `application/json` (or that has none); every route with a body takes JSON',
  },
  'REQUEST.UNPROCESSABLE': { status: 422, when: 'a refusal the framework raised rather than the domain' },
  'REQUEST.RATE_LIMITED': {
    status: 429,
    when: 'too many requests from this client address (public endpoints); `Retry-After` gives the seconds to wait',
  },
  INTERNAL: { status: 500, when: 'unexpected; logged by name with the correlation id' },
  'SERVICE.UNAVAILABLE': { status: 503, when: 'the service cannot serve now (e.g. a dependency is down); retry' },
  'CRYPTO.MALFORMED_INPUT': {
    status: 400,
    when: 'a record, envelope, key or receipt has a wrong shape, length or base64url',
  },
  'CRYPTO.UNSUPPORTED_ALGORITHM': { status: 400, when: 'unknown `alg`' },
  'CRYPTO.UNSUPPORTED_VERSION': { status: 400, when: 'unknown `v`' },
  'CRYPTO.SIGNATURE_INVALID': {
    status: 422,
    when: 'a section, receipt or key rotation is not signed by the key it names',
  },
  'CRYPTO.KEY_MISMATCH': {
    status: 422,
    when: "a key id is not its key's hash, or a rotation is not signed by the current key",
  },
  // The SDK's checks that a server runs do not decrypt, compare versions seen or
  // lack libsodium; should one of these surface anyway it is relayed like any refusal.
  'CRYPTO.DECRYPTION_FAILED': { status: 400, when: 'not expected from a server-side check' },
  'CRYPTO.STALE_VERSION': { status: 400, when: 'not expected from a server-side check' },
  'CRYPTO.UNAVAILABLE': { status: 400, when: 'not expected from a server-side check' },
});

export type PlatformErrorCode = CodeOf<typeof PLATFORM_ERRORS>;

/** Too many requests from one caller; the filter adds `Retry-After`. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(PLATFORM_ERRORS.code('REQUEST.RATE_LIMITED'), `Too many requests; retry after ${retryAfterSeconds} s`);
  }
}
