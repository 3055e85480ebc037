import { type JwksPolicy } from './jwks-policy';
import { JwksFailure } from './jwks-failure';
import { type VerificationKey, type VerificationKeys } from './verification-keys';

export type KeyLookup =
  | { readonly key: VerificationKey }
  /** unknown_key: we hold keys, none with this kid. keys_unavailable: we hold none at all. */
  | { readonly missing: 'unknown_key' | 'keys_unavailable' };

export interface RemoteKeySetEvents {
  /** A fetch gave nothing usable; `keptKeys` is how many keys of the last good set are still served. */
  fetchFailed(failure: JwksFailure, keptKeys: number): void;
}

/**
 * One issuer's whole key set, held in memory and refreshed from its JWKS:
 * before use when older than `maxAgeMs`, and when a token names a kid the set
 * does not have. Either way at most one fetch runs per `refetchIntervalMs`,
 * and concurrent requests share it, so tokens with made-up kids cost the
 * provider one request per interval and never crowd out the keys we know.
 * A failed or garbled fetch leaves the last good set in place.
 */
export class RemoteKeySet {
  private keys: VerificationKeys | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly load: () => Promise<VerificationKeys>,
    private readonly policy: JwksPolicy,
    private readonly events: RemoteKeySetEvents,
    // Monotonic: a wall-clock step must neither expire the set early nor keep it forever.
    private readonly now: () => number = () => performance.now(),
  ) {}

  async find(kid: string): Promise<KeyLookup> {
    if (this.isStale()) await this.refresh();
    if (this.keys && !this.keys.has(kid)) await this.refresh();
    if (!this.keys) return { missing: 'keys_unavailable' };
    const key = this.keys.get(kid);
    return key ? { key } : { missing: 'unknown_key' };
  }

  private isStale(): boolean {
    return !this.keys || this.now() - this.fetchedAt >= this.policy.maxAgeMs;
  }

  /** Joins the fetch in flight, starts one if the interval allows, or does nothing. */
  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.now() - this.attemptedAt < this.policy.refetchIntervalMs) return Promise.resolve();
    this.attemptedAt = this.now();
    const fetching = this.load().then(
      (keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
      },
      (error: unknown) => {
        const failure = error instanceof JwksFailure ? error : new JwksFailure('unreachable');
        this.events.fetchFailed(failure, this.keys?.size ?? 0);
      },
    );
    this.inFlight = fetching.finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }
}
