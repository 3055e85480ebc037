import { withCode } from '../test/factories';
import { CRYPTO_ERROR_CODES } from './errors';

describe('sodium loader', () => {
  it('refuses synchronous use before initCrypto, then serves one instance with Argon2id (sumo build)', async () => {
    let fresh: typeof import('./sodium') | undefined;
    await jest.isolateModulesAsync(async () => {
      fresh = await import('./sodium');
    });
    if (!fresh) throw new Error('module not loaded');
    expect(() => fresh?.sodium()).toThrow(withCode(CRYPTO_ERROR_CODES.UNAVAILABLE));
    const loaded = await fresh.loadSodium();
    await fresh.initCrypto();
    expect(fresh.sodium()).toBe(loaded);
    expect(await fresh.loadSodium()).toBe(loaded);
    expect(typeof loaded.crypto_pwhash).toBe('function');
    expect(typeof loaded.crypto_aead_xchacha20poly1305_ietf_encrypt).toBe('function');
  });
});
