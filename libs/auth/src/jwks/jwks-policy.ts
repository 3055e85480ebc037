/** How each issuer's key set is cached and refetched. */
export interface JwksPolicy {
  /**
   * A key set older than this is refetched before it is used, so a key the
   * provider withdrew stops being trusted within this time (while the
   * provider answers: a failed fetch keeps the last good set).
   */
  readonly maxAgeMs: number;
  /**
   * At most one fetch per issuer in this interval, whatever arrives: tokens
   * naming unknown kids, a stale set, a provider that is down. Bounds the load
   * junk tokens put on a provider, and how long a newly rotated key can wait.
   */
  readonly refetchIntervalMs: number;
  /** One fetch, connection to last byte; it runs inside a request. */
  readonly timeoutMs: number;
}

export const DEFAULT_JWKS_POLICY: JwksPolicy = Object.freeze({
  maxAgeMs: 10 * 60_000,
  refetchIntervalMs: 10_000,
  timeoutMs: 5_000,
});
