import { KEYFILE_DEFAULT_LIMITS, generateOrgKeys, keyFingerprint, openKeyfile, toPublicKeyRecord } from '@app/crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { BELOW_FLOOR_LIMITS, sealBelowFloor } from '../../../../libs/crypto/test/below-floor-keyfile';
import { FakeAnswer, type FakeRequest } from '../../test/fake-http';
import { FakeIntake } from '../../test/fake-intake';
import { FLOOR_KDF, PASSPHRASE, StaffSession } from '../../test/staff-session';
import { runCli } from '../cli';
import { pendingRotationPath } from '../keyfile/pending-rotation';

function errorOf(stderr: string): { error: string; message: string } {
  return JSON.parse(stderr) as { error: string; message: string };
}

describe('keys commands', () => {
  let intake: FakeIntake;
  let staff: StaffSession;

  beforeEach(async () => {
    intake = new FakeIntake();
    staff = await StaffSession.create('org-legal-aid', intake);
  });

  it('keys init writes a 0600 keyfile that opens with the passphrase and prints no secret', async () => {
    const out = await staff.ok('keys', 'init', '--org', 'org-legal-aid');
    expect((await stat(staff.keyfile)).mode & 0o777).toBe(0o600);
    const ring = (await openKeyfile(JSON.parse(await readFile(staff.keyfile, 'utf8')), PASSPHRASE)).keys;
    expect(ring.map((k) => [k.orgId, k.keyVersion])).toEqual([['org-legal-aid', 1]]);
    const [keys] = ring;
    expect(out).toMatchObject({ orgId: 'org-legal-aid', keyVersion: 1, signingKeyId: keys?.signing.keyId });
    expect(JSON.stringify(out)).not.toContain(Buffer.from(keys?.encryption.privateKey ?? []).toString('base64url'));
    expect(intake.requests).toHaveLength(0);
  });

  it('keys init refuses to overwrite a keyfile', async () => {
    await writeFile(staff.keyfile, 'precious');
    const result = await staff.run('keys', 'init', '--org', 'org-legal-aid');
    expect(result.exitCode).toBe(1);
    expect(errorOf(result.stderr).error).toBe('CLI.KEYFILE_EXISTS');
    expect(await readFile(staff.keyfile, 'utf8')).toBe('precious');
  });

  it('keys init refuses a short passphrase, and any command a missing one', async () => {
    const env = { ...staff.env(), REFUGIO_PASSPHRASE: 'short' };
    const short = await runCli(['keys', 'init', '--org', 'o', '--keyfile', staff.keyfile], env, {
      keyfileLimits: FLOOR_KDF,
    });
    expect(errorOf(short.stderr).error).toBe('CLI.CONFIG');
    const { REFUGIO_PASSPHRASE: _, ...noPassphrase } = staff.env();
    const missing = await runCli(['keys', 'register', '--keyfile', staff.keyfile], noPassphrase, {
      fetch: intake.fetch,
    });
    expect(errorOf(missing.stderr)).toMatchObject({
      error: 'CLI.CONFIG',
      message: expect.stringContaining('REFUGIO_PASSPHRASE') as string,
    });
  });

  it('keys register publishes version 1, public keys only', async () => {
    await staff.enroll();
    const ring = (await openKeyfile(JSON.parse(await readFile(staff.keyfile, 'utf8')), PASSPHRASE)).keys;
    expect(intake.keys.get('org-legal-aid')).toEqual([toPublicKeyRecord(ring[0]!)]);
  });

  it('keys rotate adds version 2 to the keyfile, keeps version 1 and the KDF cost, and registers it', async () => {
    await staff.enroll();
    const out = await staff.ok('keys', 'rotate');
    const file = JSON.parse(await readFile(staff.keyfile, 'utf8')) as { kdf: { opslimit: number; memlimit: number } };
    const ring = (await openKeyfile(file, PASSPHRASE)).keys;
    expect(ring.map((k) => k.keyVersion)).toEqual([1, 2]);
    expect(file.kdf).toMatchObject(FLOOR_KDF);
    expect(intake.keys.get('org-legal-aid')?.map((r) => r.keyVersion)).toEqual([1, 2]);
    expect(out).toMatchObject({ keyVersion: 2, resumed: false, previousSigningKeyId: ring[0]?.signing.keyId });
    expect((await stat(staff.keyfile)).mode & 0o777).toBe(0o600);
  });

  it(
    'keys rotate keeps the new keys when intake fails, and the next run ' +
      'registers them instead of making a third version',
    async () => {
      await staff.enroll();
      intake.intercept = (r) =>
        r.segments.includes('rotations') ? new FakeAnswer(503, { code: 'INTERNAL', status: 503 }) : undefined;
      const failed = await staff.run('keys', 'rotate');
      expect(failed.exitCode).toBe(1);
      expect(errorOf(failed.stderr).error).toBe('INTERNAL');
      expect(
        (await openKeyfile(JSON.parse(await readFile(staff.keyfile, 'utf8')), PASSPHRASE)).keys.map(
          (k) => k.keyVersion,
        ),
      ).toEqual([1, 2]);
      await expect(stat(pendingRotationPath(staff.keyfile))).resolves.toBeDefined();

      intake.intercept = undefined;
      expect(await staff.ok('keys', 'rotate')).toMatchObject({ keyVersion: 2, resumed: true });
      expect(intake.keys.get('org-legal-aid')?.map((r) => r.keyVersion)).toEqual([1, 2]);
      await expect(stat(pendingRotationPath(staff.keyfile))).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('keys show prints fingerprints computed from the validated keys, and says when intake claims others', async () => {
    await staff.enroll();
    const record = intake.keys.get('org-legal-aid')?.[0];
    const shown = await staff.ok('keys', 'show', 'org-legal-aid');
    expect(shown).toMatchObject({
      orgId: 'org-legal-aid',
      signingKeyId: record?.signingKeyId,
      directoryFingerprintsAgree: true,
    });
    expect((shown.fingerprints as { signing: string }).signing).toBe(keyFingerprint(record?.signingKeyId ?? ''));

    intake.intercept = (r) =>
      isCurrentKeys(r)
        ? { orgId: 'org-legal-aid', current: record, fingerprints: { encryption: 'AAAA', signing: 'BBBB' } }
        : undefined;
    expect(await staff.ok('keys', 'show', 'org-legal-aid')).toMatchObject({ directoryFingerprintsAgree: false });
  });

  it('keys show refuses a directory record for another organization', async () => {
    await staff.enroll();
    const other = await StaffSession.create('org-other', intake);
    await other.enroll();
    intake.intercept = (r) => (isCurrentKeys(r) ? { current: intake.keys.get('org-other')?.[0] } : undefined);
    const result = await staff.run('keys', 'show', 'org-legal-aid');
    expect(errorOf(result.stderr).error).toBe('CRYPTO.KEY_MISMATCH');
  });

  describe('a keyfile sealed below the Argon2id floor', () => {
    async function writeBelowFloor(mode: number): Promise<Awaited<ReturnType<typeof generateOrgKeys>>> {
      const keys = await generateOrgKeys('org-legal-aid');
      await writeFile(staff.keyfile, JSON.stringify(await sealBelowFloor(keys, PASSPHRASE)));
      await chmod(staff.keyfile, mode);
      return keys;
    }

    it('still opens, is re-sealed in place at the defaults (mode kept), and the CLI says so on stderr', async () => {
      const keys = await writeBelowFloor(0o640);
      // No keyfileLimits: what a user's run re-seals at.
      const result = await runCli(['keys', 'register', '--keyfile', staff.keyfile], staff.env(), {
        fetch: intake.fetch,
      });
      expect(result.exitCode).toBe(0);
      expect(intake.keys.get('org-legal-aid')).toEqual([toPublicKeyRecord(keys)]);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '')).toEqual({
        notice: 'CLI.KEYFILE_RESEALED',
        message: expect.stringMatching(/re-sealed/) as string,
      });

      const file = JSON.parse(await readFile(staff.keyfile, 'utf8')) as { kdf: { opslimit: number; memlimit: number } };
      expect(file.kdf).toMatchObject(KEYFILE_DEFAULT_LIMITS);
      expect((await stat(staff.keyfile)).mode & 0o777).toBe(0o640);
      const reopened = await openKeyfile(file, PASSPHRASE);
      expect(reopened.resealRequired).toBe(false);
      expect(reopened.keys.map((k) => [k.keyVersion, k.encryption.keyId, k.signing.keyId])).toEqual([
        [1, keys.encryption.keyId, keys.signing.keyId],
      ]);

      // Done once: the next run has nothing to say.
      expect(await staff.run('keys', 'show', 'org-legal-aid')).toMatchObject({ exitCode: 0, stderr: '' });
    });

    it('keys rotate on such a file keeps both versions and writes the new cost, not the old one', async () => {
      await writeBelowFloor(0o600);
      await staff.ok('keys', 'register');
      await staff.ok('keys', 'rotate');
      const file = JSON.parse(await readFile(staff.keyfile, 'utf8')) as { kdf: { opslimit: number; memlimit: number } };
      expect(file.kdf).toMatchObject(FLOOR_KDF);
      expect(file.kdf).not.toMatchObject(BELOW_FLOOR_LIMITS);
      expect((await openKeyfile(file, PASSPHRASE)).keys.map((k) => k.keyVersion)).toEqual([1, 2]);
    });
  });
});

/** GET organizations/:orgId/keys, the current keys (not their history or the directory log). */
function isCurrentKeys(r: FakeRequest): boolean {
  return r.method === 'GET' && r.segments.length === 3 && r.segments[2] === 'keys';
}
