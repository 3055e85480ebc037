import { KeyRing } from './key-ring';
import { MemoryKeyStore } from './key-store';

describe('KeyRing', () => {
  let clock = 1_000_000;
  const ring = (): KeyRing => new KeyRing(new MemoryKeyStore(), 3600, () => clock);

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('makes an ES256 key on first use and keeps using it', async () => {
    const keys = ring();
    const first = await keys.signingKey();
    expect(await keys.signingKey()).toEqual(first);
    expect(first.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: first.kid });
  });

  it('publishes public halves only', async () => {
    const keys = ring();
    const { keys: published } = await keys.jwks();
    expect(published).toHaveLength(1);
    expect(published[0]).not.toHaveProperty('d');
  });

  it('rotates to a new kid and keeps the old key published until its tokens have expired', async () => {
    const keys = ring();
    const old = await keys.signingKey();
    clock += 10;
    const next = await keys.rotate();
    expect(next.kid).not.toBe(old.kid);
    expect((await keys.signingKey()).kid).toBe(next.kid);
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([next.kid, old.kid]);

    clock += 3599;
    expect((await keys.jwks()).keys).toHaveLength(2);
    clock += 1;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([next.kid]);
  });
});
