import { withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { fromBase64Url, toBase64Url } from './base64url';

const malformed = withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT);

describe('base64url', () => {
  it('round-trips every length and agrees with Node', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text, 'f')).toEqual(bytes);
    }
  });

  it('encodes a view of a larger buffer without its neighbours', () => {
    const backing = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    expect(toBase64Url(backing.subarray(2, 4))).toBe(Buffer.from([3, 4]).toString('base64url'));
  });

  it('returns a plain Uint8Array', () => {
    expect(Object.getPrototypeOf(fromBase64Url('AQID', 'f'))).toBe(Uint8Array.prototype);
  });

  it.each([
    ['padding', 'AQ=='],
    ['standard alphabet +', 'a+b_'],
    ['standard alphabet /', 'a/b_'],
    ['whitespace', 'AQID AQID'],
    ['newline', 'AQID\n'],
    ['non-ASCII', 'AQIé'],
    ['an impossible length', 'AQIDB'],
    ['non-zero trailing bits (2-char tail)', 'AB'],
    ['non-zero trailing bits (3-char tail)', 'AAB'],
  ])('refuses %s', (_name, text) => {
    expect(() => fromBase64Url(text, 'f')).toThrow(malformed);
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 12, ['AQ'], { a: 1 }])
      expect(() => fromBase64Url(value, 'f')).toThrow(malformed);
  });

  it('checks the decoded length', () => {
    expect(fromBase64Url('AQID', 'f', { length: 3 })).toHaveLength(3);
    expect(() => fromBase64Url('AQID', 'f', { length: 4 })).toThrow(malformed);
    expect(() => fromBase64Url('AQID', 'f', { maxLength: 2 })).toThrow(malformed);
  });

  it('names the field but never echoes the value', () => {
    expect(() => fromBase64Url('secret+value', 'record.nonce')).toThrow(/record\.nonce/);
    try {
      fromBase64Url('secret+value', 'record.nonce');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('works without Buffer (browser fallback) and gives the same answers', async () => {
    const saved = globalThis.Buffer;
    let browser: typeof import('./base64url') | undefined;
    try {
      Reflect.deleteProperty(globalThis, 'Buffer');
      await jest.isolateModulesAsync(async () => {
        browser = await import('./base64url');
      });
    } finally {
      globalThis.Buffer = saved;
    }
    if (!browser) throw new Error('module not loaded');
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 91 + 7) & 0xff);
      const text = browser.toBase64Url(bytes);
      expect(text).toBe(toBase64Url(bytes));
      expect(browser.fromBase64Url(text, 'f')).toEqual(bytes);
    }
    expect(() => browser?.fromBase64Url('AB', 'f')).toThrow(malformed);
  });
});
