import sodiumNative from 'sodium-native';
import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { sodium } from '../sodium';
import { openBox, sealBox } from './sealed-box';

describe('sealed box', () => {
  it('is opened by libsodium.js and by native libsodium (sodium-native)', async () => {
    const keys = await newOrg();
    const message = Uint8Array.from({ length: 32 }, (_, i) => i);
    const sealed = sealBox(message, keys.encryption.publicKey);
    expect(sealed).toHaveLength(32 + 48);
    expect(sodium().crypto_box_seal_open(sealed, keys.encryption.publicKey, keys.encryption.privateKey)).toEqual(
      message,
    );
    const out = Buffer.alloc(32);
    expect(
      sodiumNative.crypto_box_seal_open(
        out,
        Buffer.from(sealed),
        Buffer.from(keys.encryption.publicKey),
        Buffer.from(keys.encryption.privateKey),
      ),
    ).toBe(true);
    expect(new Uint8Array(out)).toEqual(message);
  });

  it("opens libsodium's own crypto_box_seal output", async () => {
    const keys = await newOrg();
    const message = new Uint8Array([9, 8, 7]);
    const sealed = sodium().crypto_box_seal(message, keys.encryption.publicKey);
    expect(openBox(sealed, keys.encryption.publicKey, keys.encryption.privateKey)).toEqual(message);
  });

  it('uses a fresh ephemeral key every time', async () => {
    const keys = await newOrg();
    const message = new Uint8Array(32);
    const a = sealBox(message, keys.encryption.publicKey);
    const b = sealBox(message, keys.encryption.publicKey);
    expect(Buffer.from(a.subarray(0, 32)).equals(Buffer.from(b.subarray(0, 32)))).toBe(false);
  });

  it('fails as DECRYPTION_FAILED with the wrong key or a flipped bit', async () => {
    const [mine, other] = [await newOrg(), await newOrg()];
    const sealed = sealBox(new Uint8Array(32), mine.encryption.publicKey);
    const failed = withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED);
    expect(() => openBox(sealed, other.encryption.publicKey, other.encryption.privateKey)).toThrow(failed);
    for (const at of [0, 40, 79]) {
      const tampered = sealed.slice();
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      expect(() => openBox(tampered, mine.encryption.publicKey, mine.encryption.privateKey)).toThrow(failed);
    }
  });

  it('refuses to seal to a low-order public key', () => {
    expect(() => sealBox(new Uint8Array(32), new Uint8Array(32))).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });
});
