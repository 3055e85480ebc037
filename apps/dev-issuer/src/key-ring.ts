import { currentKey, type KeySet, publicJwks, withNewKey, withoutExpiredKeys } from './key-set';
import { type KeyStore } from './key-store';
import { generateSigningKey, type SigningKey } from './signing-key';

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The issuer's key life cycle on top of a store: a key is made on first use,
 * rotation retires the current key, and retired keys leave the JWKS once no
 * token they signed can still be valid.
 */
export class KeyRing {
  constructor(
    private readonly store: KeyStore,
    private readonly retiredKeyLifetimeSeconds: number,
    private readonly clock: () => number = nowInSeconds,
  ) {}

  async signingKey(): Promise<SigningKey> {
    const key = currentKey(await this.keySet());
    if (!key) throw new Error('the key set has no current key');
    return key;
  }

  async jwks(): Promise<ReturnType<typeof publicJwks>> {
    return publicJwks(await this.keySet());
  }

  /** Starts signing with a new key and returns it; the old one stays published. */
  async rotate(): Promise<SigningKey> {
    const now = this.clock();
    const next = await generateSigningKey(now);
    const rotated = withoutExpiredKeys(withNewKey(await this.keySet(), next, now), now, this.retiredKeyLifetimeSeconds);
    await this.store.replace(rotated);
    return next;
  }

  private async keySet(): Promise<KeySet> {
    const now = this.clock();
    const stored = await this.store.read();
    const set =
      stored && currentKey(stored) ? stored : await this.store.create({ keys: [await generateSigningKey(now)] });
    return withoutExpiredKeys(set, now, this.retiredKeyLifetimeSeconds);
  }
}
