import { BELOW_FLOOR_LIMITS, sealBelowFloor } from '../../test/below-floor-keyfile';
import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { sodium } from '../sodium';
import { KEYFILE_DEFAULT_LIMITS, type Keyfile, openKeyfile, sealKeyfile } from './keyfile';
import { type OrgKeys } from './org-keys';

// The cheapest cost sealKeyfile accepts (about half a second per derivation):
// these tests are about the format, not the cost.
const FLOOR = { opslimit: 3, memlimit: 64 * 1024 * 1024 };
const MIB = 1024 * 1024;

function sameKeys(a: OrgKeys, b: OrgKeys): void {
  expect(b.orgId).toBe(a.orgId);
  expect(b.keyVersion).toBe(a.keyVersion);
  expect(b.encryption).toEqual(a.encryption);
  expect(b.signing).toEqual(a.signing);
}

describe('keyfile', () => {
  let v1: OrgKeys;
  let v2: OrgKeys;
  let file: Keyfile;

  beforeAll(async () => {
    v1 = await newOrg('org-k', 1);
    v2 = await newOrg('org-k', 2);
    file = await sealKeyfile([v2, v1], 'correct horse battery staple', FLOOR);
  });

  it('round-trips every key version, sorted by version', async () => {
    const opened = await openKeyfile(JSON.parse(JSON.stringify(file)), 'correct horse battery staple');
    expect(opened.keys).toHaveLength(2);
    sameKeys(v1, opened.keys[0] as OrgKeys);
    sameKeys(v2, opened.keys[1] as OrgKeys);
    expect(opened).toMatchObject({ limits: FLOOR, resealRequired: false });
  });

  it('records the KDF and its parameters, and no secret', () => {
    expect(file).toMatchObject({
      v: 1,
      alg: 'xchacha20poly1305-ietf',
      orgId: 'org-k',
      kdf: { alg: 'argon2id13', ...FLOOR },
    });
    expect(Buffer.from(file.kdf.salt, 'base64url')).toHaveLength(16);
    const json = JSON.stringify(file);
    for (const keys of [v1, v2]) {
      expect(json).not.toContain(Buffer.from(keys.encryption.privateKey).toString('base64url').slice(0, 20));
      expect(json).not.toContain(Buffer.from(keys.signing.privateKey).toString('base64url').slice(0, 20));
    }
  });

  it('uses the staff-laptop defaults unless told otherwise', async () => {
    const defaults = await sealKeyfile(v1, 'pass phrase');
    expect(defaults.kdf).toMatchObject({ opslimit: 3, memlimit: 128 * 1024 * 1024 });
    expect(KEYFILE_DEFAULT_LIMITS.memlimit).toBeGreaterThanOrEqual(sodium().crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sameKeys(v1, (await openKeyfile(defaults, 'pass phrase')).keys[0] as OrgKeys);
  });

  it('treats canonically equivalent passphrases alike (NFC)', async () => {
    const composed = await sealKeyfile(v1, 'contraseña', FLOOR);
    sameKeys(v1, (await openKeyfile(composed, 'contrasen\u0303a')).keys[0] as OrgKeys);
  });

  it('refuses a wrong passphrase without saying more', async () => {
    const error = await openKeyfile(file, 'correct horse battery stapler').catch((e: unknown) => e);
    expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED));
    expect((error as Error).message).not.toMatch(/horse|staple/);
  });

  it('refuses an altered header, since it is bound as associated data', async () => {
    const passphrase = 'correct horse battery staple';
    await expect(openKeyfile({ ...file, orgId: 'org-other' }, passphrase)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
    );
    await expect(openKeyfile({ ...file, kdf: { ...file.kdf, opslimit: 2 } }, passphrase)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
    );
    const flipped = Buffer.from(file.ciphertext, 'base64url');
    flipped[3] = (flipped[3] ?? 0) ^ 1;
    await expect(openKeyfile({ ...file, ciphertext: flipped.toString('base64url') }, passphrase)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
    );
  });

  it('refuses KDF costs outside the accepted range before deriving anything', async () => {
    const passphrase = 'correct horse battery staple';
    await expect(
      openKeyfile({ ...file, kdf: { ...file.kdf, memlimit: 8 * 1024 * 1024 * 1024 } }, passphrase),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(openKeyfile({ ...file, kdf: { ...file.kdf, opslimit: 1000 } }, passphrase)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(sealKeyfile(v1, passphrase, { opslimit: 0, memlimit: 8192 })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  describe('the Argon2id floor (3 passes, 64 MiB)', () => {
    it.each([
      ['fewer passes', { opslimit: 2, memlimit: 64 * MIB }],
      ['less memory', { opslimit: 3, memlimit: 64 * MIB - 1024 }],
      ["libsodium's minimum", BELOW_FLOOR_LIMITS],
    ])('refuses to seal a new keyfile with %s', async (_name, limits) => {
      const error = await sealKeyfile(v1, 'pass phrase', limits).catch((e: unknown) => e);
      expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
      expect((error as Error).message).toMatch(/below the floor/);
    });

    it('seals at the floor itself, which needs no re-seal', async () => {
      const atFloor = await sealKeyfile(v1, 'pass phrase', FLOOR);
      expect((await openKeyfile(atFloor, 'pass phrase')).resealRequired).toBe(false);
    });

    it('still opens a file sealed below the floor, and says it must be re-sealed', async () => {
      const weak = await sealBelowFloor([v1, v2], 'pass phrase');
      const opened = await openKeyfile(weak, 'pass phrase');
      expect(opened).toMatchObject({ limits: BELOW_FLOOR_LIMITS, resealRequired: true });
      sameKeys(v1, opened.keys[0] as OrgKeys);
      sameKeys(v2, opened.keys[1] as OrgKeys);
      // Sealing what it holds at the defaults gives a file that needs nothing more.
      const resealed = await sealKeyfile(opened.keys, 'pass phrase');
      expect(await openKeyfile(resealed, 'pass phrase')).toMatchObject({
        limits: KEYFILE_DEFAULT_LIMITS,
        resealRequired: false,
      });
    });

    it('says so for a file below the floor in memory only', async () => {
      const weak = await sealBelowFloor(v1, 'pass phrase', { opslimit: 4, memlimit: 16 * MIB });
      expect(await openKeyfile(weak, 'pass phrase')).toMatchObject({ resealRequired: true });
    });
  });

  it('refuses unknown formats and malformed fields', async () => {
    const p = 'correct horse battery staple';
    await expect(openKeyfile({ ...file, v: 2 }, p)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION));
    await expect(openKeyfile({ ...file, alg: 'aes-256-gcm' }, p)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    await expect(openKeyfile({ ...file, kdf: { ...file.kdf, alg: 'scrypt' } }, p)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    await expect(openKeyfile({ ...file, nonce: `${file.nonce}=` }, p)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(openKeyfile({ ...file, kdf: { ...file.kdf, salt: 'AAAA' } }, p)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(openKeyfile('not a keyfile', p)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(openKeyfile(file, '')).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('refuses keys of several organizations in one file', async () => {
    await expect(sealKeyfile([v1, await newOrg('org-z')], 'x', FLOOR)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(sealKeyfile([], 'x', FLOOR)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });
});
