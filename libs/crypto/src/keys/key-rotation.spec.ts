import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { sodium } from '../sodium';
import { canonicalJson } from '../canonical-json';
import { rotateOrgKeys, verifyKeyRotation } from './key-rotation';
import { toPublicKeyRecord } from './org-keys';

describe('key rotation', () => {
  it('produces the next version, signed by the current signing key, which verifies', async () => {
    const current = await newOrg('org-r');
    const { keys, statement } = await rotateOrgKeys(current);
    expect(keys.keyVersion).toBe(2);
    expect(keys.orgId).toBe('org-r');
    expect(keys.encryption.keyId).not.toBe(current.encryption.keyId);
    expect(statement).toMatchObject({ v: 1, alg: 'ed25519', signedByKeyId: current.signing.keyId });
    expect(statement.record).toEqual(toPublicKeyRecord(keys));
    const verified = await verifyKeyRotation(JSON.parse(JSON.stringify(statement)), toPublicKeyRecord(current));
    expect(verified).toEqual(toPublicKeyRecord(keys));
  });

  it('signs exactly the canonical JSON of the new record', async () => {
    const current = await newOrg();
    const { statement } = await rotateOrgKeys(current);
    const signed = new TextEncoder().encode(canonicalJson(statement.record));
    const signature = Buffer.from(statement.signature, 'base64url');
    expect(sodium().crypto_sign_verify_detached(signature, signed, current.signing.publicKey)).toBe(true);
  });

  it('rejects a rotation forged with another key', async () => {
    const victim = await newOrg('org-v');
    const attacker = await newOrg('org-v');
    const { statement } = await rotateOrgKeys(attacker);
    const forged = { ...statement, signedByKeyId: victim.signing.keyId };
    await expect(verifyKeyRotation(forged, toPublicKeyRecord(victim))).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
  });

  it('rejects a genuine rotation whose new keys were swapped afterwards', async () => {
    const current = await newOrg('org-s');
    const { statement } = await rotateOrgKeys(current);
    const other = toPublicKeyRecord(await newOrg('org-s', 2));
    const swapped = {
      ...statement,
      record: {
        ...statement.record,
        encryptionPublicKey: other.encryptionPublicKey,
        encryptionKeyId: other.encryptionKeyId,
      },
    };
    await expect(verifyKeyRotation(swapped, toPublicKeyRecord(current))).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
  });

  it('rejects a tampered signature', async () => {
    const current = await newOrg();
    const { statement } = await rotateOrgKeys(current);
    const bytes = Buffer.from(statement.signature, 'base64url');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    await expect(
      verifyKeyRotation({ ...statement, signature: bytes.toString('base64url') }, toPublicKeyRecord(current)),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
  });

  it('rejects another organization, a skipped version, a stale signer, unknown alg and v', async () => {
    const current = await newOrg('org-t');
    const { statement } = await rotateOrgKeys(current);
    const currentRecord = toPublicKeyRecord(current);
    await expect(verifyKeyRotation(statement, { ...currentRecord, orgId: 'org-u' })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
    await expect(verifyKeyRotation(statement, { ...currentRecord, keyVersion: 2 })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(
      verifyKeyRotation({ ...statement, signedByKeyId: current.encryption.keyId }, currentRecord),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    await expect(verifyKeyRotation({ ...statement, alg: 'rsa' }, currentRecord)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    await expect(verifyKeyRotation({ ...statement, v: 0 }, currentRecord)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION),
    );
    await expect(verifyKeyRotation({ ...statement, signature: 'AA' }, currentRecord)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });
});
