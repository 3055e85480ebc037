import { sealSection } from '@app/crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  errorCode,
  grantAs,
  HEALTH,
  IDENTITY,
  openSharedCase,
  SHELTER_GRANT,
  write,
  putSection,
  NEEDS,
} from '../../test/shared-case';
import { type FakeIntake } from '../../test/fake-intake';
import { memoizedOpenKeyfile } from '../../test/keyfile-memo';
import { PASSPHRASE, type StaffSession } from '../../test/staff-session';

describe('sections: where plaintext goes (section get, case fetch)', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let caseId: string;
  const grant = (grants: object[], ...extra: string[]): Promise<Record<string, unknown>> =>
    grantAs(owner, caseId, grants, ...extra);

  beforeEach(async () => {
    ({ intake, owner, shelter, caseId } = await openSharedCase());
  });

  it(
    'section get --out writes a new 0600 file and prints only metadata; ' +
      'without --out or --stdout nothing of the content',
    async () => {
      await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
      await grant([SHELTER_GRANT]);
      const out = join(shelter.dir, 'identity.out');
      const result = await shelter.run(
        'section',
        'get',
        '--case',
        caseId,
        '--section',
        'identity',
        '--purpose',
        'shelter_placement',
        '--out',
        out,
      );
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('CANARY');
      expect(JSON.parse(result.stdout)).toMatchObject({
        section: 'identity',
        authorOrgId: 'org-legal-aid',
        verified: true,
        out,
      });
      expect(await readFile(out, 'utf8')).toBe(IDENTITY);
      expect((await stat(out)).mode & 0o777).toBe(0o600);
      const again = await shelter.run(
        'section',
        'get',
        '--case',
        caseId,
        '--section',
        'identity',
        '--purpose',
        'shelter_placement',
        '--out',
        out,
      );
      expect(errorCode(again.stderr)).toBe('CLI.KEYFILE_EXISTS');
      const quiet = await shelter.run(
        'section',
        'get',
        '--case',
        caseId,
        '--section',
        'identity',
        '--purpose',
        'shelter_placement',
      );
      expect(quiet.stdout).not.toContain('CANARY');
    },
  );

  it('section get --stdout refuses binary content instead of printing mangled bytes', async () => {
    // `section put` seals only JSON its schema accepts: binary content comes from another writer, here the SDK.
    const file: unknown = JSON.parse(await readFile(owner.keyfile, 'utf8'));
    const author = (await memoizedOpenKeyfile(file, PASSPHRASE)).keys.at(-1)!;
    const sealed = await sealSection({
      caseId,
      section: 'family',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: Uint8Array.from([0xff, 0xfe, 0x00, 0x81]),
      author,
      recipients: [],
    });
    intake.cases.get(caseId)!.sections.set('family', { ...sealed, rotationRequired: false });
    const result = await owner.run(
      'section',
      'get',
      '--case',
      caseId,
      '--section',
      'family',
      '--purpose',
      'case_coordination',
      '--stdout',
    );
    expect(errorCode(result.stderr)).toBe('CLI.INPUT_INVALID');
  });

  it('case fetch writes every section the purpose allows, one private file each', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'needs',
      '--file',
      await write(owner, 'needs.json', NEEDS),
    );
    await putSection(owner, caseId, 'health', 'health.json', HEALTH);
    await grant([SHELTER_GRANT]);
    const outDir = join(shelter.dir, 'case');
    const out = await shelter.ok<{ sections: { section: string; ok: boolean }[] }>(
      'case',
      'fetch',
      '--case',
      caseId,
      '--purpose',
      'shelter_placement',
      '--out-dir',
      outDir,
    );
    expect(out.sections.map((s) => [s.section, s.ok])).toEqual([
      ['identity', true],
      ['needs', true],
    ]);
    expect(await readFile(join(outDir, 'identity'), 'utf8')).toBe(IDENTITY);
    expect(JSON.stringify(out)).not.toContain('CANARY');
  });
});
