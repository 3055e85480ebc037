import { toBase64Url } from '../encoding/base64url';
import { keyFingerprint } from './fingerprint';

describe('keyFingerprint', () => {
  it('reads a key id as eight groups of four hex digits', () => {
    const keyId = toBase64Url(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
    expect(keyFingerprint(keyId)).toBe('0011 2233 4455 6677 8899 aabb ccdd eeff');
  });

  it('refuses what is not a key id', () => {
    expect(() => keyFingerprint('short')).toThrow('keyId');
  });
});
