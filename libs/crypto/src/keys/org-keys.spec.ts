import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { fromBase64Url } from '../encoding/base64url';
import { sodium } from '../sodium';
import {
  generateOrgKeys,
  latestKeys,
  parsePublicKeyRecord,
  recipientKeyOf,
  selectKeysFor,
  signingKeyOf,
  toPublicKeyRecord,
  wipeOrgKeys,
} from './org-keys';

describe('organization keys', () => {
  it('makes an X25519 and an Ed25519 pair whose ids are BLAKE2b-128 of the public keys', async () => {
    const keys = await generateOrgKeys('org-a');
    const s = sodium();
    expect(keys.keyVersion).toBe(1);
    expect(keys.encryption.publicKey).toEqual(s.crypto_scalarmult_base(keys.encryption.privateKey));
    expect(keys.signing.privateKey).toHaveLength(64);
    expect(keys.encryption.keyId).toBe(
      Buffer.from(s.crypto_generichash(16, keys.encryption.publicKey, null)).toString('base64url'),
    );
    expect(keys.signing.keyId).toBe(
      Buffer.from(s.crypto_generichash(16, keys.signing.publicKey, null)).toString('base64url'),
    );
    expect(keys.encryption.keyId).toHaveLength(22);
    const signature = s.crypto_sign_detached(new Uint8Array([1, 2, 3]), keys.signing.privateKey);
    expect(s.crypto_sign_verify_detached(signature, new Uint8Array([1, 2, 3]), keys.signing.publicKey)).toBe(true);
  });

  it('refuses bad org ids and versions', async () => {
    await expect(generateOrgKeys('')).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(generateOrgKeys('org', 0)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(generateOrgKeys('org', 1.5)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('publishes public keys only, and the record parses back', async () => {
    const keys = await newOrg('org-b');
    const record = toPublicKeyRecord(keys);
    const json = JSON.stringify(record);
    expect(json).not.toContain(Buffer.from(keys.encryption.privateKey).toString('base64url'));
    expect(json).not.toContain(Buffer.from(keys.signing.privateKey.subarray(0, 32)).toString('base64url'));
    expect(parsePublicKeyRecord(JSON.parse(json))).toEqual(record);
    expect(recipientKeyOf(record)).toEqual(recipientKeyOf(keys));
    expect(signingKeyOf(record)).toEqual(signingKeyOf(keys));
  });

  it('refuses a record whose key id is not the hash of its key', async () => {
    const [a, b] = [await newOrg(), await newOrg()];
    const record = { ...toPublicKeyRecord(a), encryptionPublicKey: toPublicKeyRecord(b).encryptionPublicKey };
    expect(() => parsePublicKeyRecord(record)).toThrow(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
  });

  it('refuses unknown alg and v, and wrong key lengths', async () => {
    const record = toPublicKeyRecord(await newOrg());
    expect(() => parsePublicKeyRecord({ ...record, alg: 'p256' })).toThrow(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    expect(() => parsePublicKeyRecord({ ...record, v: 2 })).toThrow(withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION));
    expect(() => parsePublicKeyRecord({ ...record, signingPublicKey: record.signingPublicKey.slice(0, 40) })).toThrow(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it('finds the key version an envelope names, and the newest one', async () => {
    const v1 = await newOrg('org-c', 1);
    const v2 = await newOrg('org-c', 2);
    expect(selectKeysFor([v1, v2], 'org-c', v1.encryption.keyId)).toBe(v1);
    expect(selectKeysFor(v2, 'org-c', v2.encryption.keyId)).toBe(v2);
    expect(() => selectKeysFor([v1], 'org-c', v2.encryption.keyId)).toThrow(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    expect(() => selectKeysFor([v1], 'org-other', v1.encryption.keyId)).toThrow(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
    expect(latestKeys([v2, v1])).toBe(v2);
    expect(() => latestKeys([])).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('wipes private keys', async () => {
    const keys = await newOrg();
    wipeOrgKeys(keys);
    expect(keys.encryption.privateKey.every((b) => b === 0)).toBe(true);
    expect(keys.signing.privateKey.every((b) => b === 0)).toBe(true);
    expect(fromBase64Url(keys.encryption.keyId, 'id')).toHaveLength(16);
  });
});
