import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { KEYFILE_MIN_LIMITS, generateOrgKeys, toPublicKeyRecord } from '@app/crypto';
import { mongoUri } from '@app/testing';
import { type ServiceProcess } from '@app/testing';
import { type Role } from '@app/contracts';
import { TestStack } from './support/intake-stack';
import { runCli } from '../apps/staff-cli/src/cli';
import { type CliResult } from '../apps/staff-cli/src/cli-types';

// The cheapest Argon2id the SDK seals at: this test is about the flows, not the cost.
const FLOOR_KDF = KEYFILE_MIN_LIMITS;

/** One organization's staff member at a terminal: own keyfile, own token, the real intake. */
class Staff {
  constructor(
    readonly orgId: string,
    private readonly dir: string,
    private readonly env: Record<string, string>,
  ) {}

  get token(): string {
    return this.env.REFUGIO_TOKEN ?? '';
  }

  run(...argv: string[]): Promise<CliResult> {
    const keyfile = argv[0] === 'receipt' ? [] : ['--keyfile', join(this.dir, `${this.orgId}.keys.json`)];
    return runCli([...argv, ...keyfile], this.env, { keyfileLimits: FLOOR_KDF });
  }

  async ok<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
    const result = await this.run(...argv);
    if (result.exitCode !== 0) throw new Error(`${this.orgId}: ${argv.slice(0, 2).join(' ')} failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  async fails(...argv: string[]): Promise<string> {
    const result = await this.run(...argv);
    expect(result.exitCode).toBe(1);
    return (JSON.parse(result.stderr) as { error: string }).error;
  }
}

/** A consent file for this client granting the organization legal and identity for legal representation, a day. */
function grantsFor(clientRef: string, granteeOrgId: string): string {
  return JSON.stringify({
    clientRef,
    givenBy: 'self',
    collectionMethod: 'written',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-integral', version: '2026.1' },
    withheld: [],
    grants: [
      {
        granteeOrgId,
        action: 'access',
        purposes: [{ purpose: 'legal_representation', basis: 'necessary' }],
        sections: ['legal', 'identity'],
        expressConsent: false,
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        onwardSharing: false,
      },
    ],
  });
}

/**
 * A file `section put` takes: content its section's schema accepts (docs/section-content), fields in the schema's
 * order, so what a reader decrypts is the file byte for byte. `text` lands in a free-text field.
 */
function sectionFile(section: 'identity' | 'legal' | 'health', text: string): string {
  switch (section) {
    case 'identity':
      return JSON.stringify({ schemaVersion: 1, legalName: { full: text } });
    case 'legal':
      return JSON.stringify({ schemaVersion: 1, narrative: text });
    case 'health':
      return JSON.stringify({ schemaVersion: 1, notes: text });
  }
}

/**
 * The staff CLI, end to end against a real intake: keys, sections, consent, withdrawal with automatic rotation,
 * receipts.
 */
describe('staff CLI against intake', () => {
  const run = `cli_${Date.now().toString(36)}`;
  const stack = new TestStack(run);
  let intake: ServiceProcess;
  let dir: string;
  let a: Staff;
  let b: Staff;

  beforeAll(async () => {
    intake = (await stack.start(['intake'])).service('intake');
    dir = await mkdtemp(join(tmpdir(), 'staff-cli-e2e-'));
    // Each reads for the purposes its roles allow (ROLE_PURPOSES): the Mexican organization's intake and legal
    // staff coordinate, the U.S. partner's attorneys represent.
    const staff = async (orgId: string, roles: Role[]): Promise<Staff> =>
      new Staff(orgId, dir, {
        REFUGIO_INTAKE_URL: intake.url,
        REFUGIO_TOKEN: await stack.issuer.mint({ sub: `ana_${orgId}`, org: orgId, roles }),
        REFUGIO_PASSPHRASE: 'a long passphrase for tests',
      });
    [a, b] = await Promise.all([
      staff(`org_mx_${run}`, ['intake_worker', 'legal_staff', 'org_admin']),
      staff(`org_us_${run}`, ['partner_attorney', 'org_admin']),
    ]);
  }, 120_000);

  afterAll(() => stack.stop(), 60_000);

  it('takes a case from keys to consent, sharing, withdrawal and rotation', async () => {
    for (const staff of [a, b]) {
      await staff.ok('keys', 'init', '--org', staff.orgId);
      await staff.ok('keys', 'register');
    }
    const shown = await b.ok<{ directoryFingerprintsAgree: boolean }>('keys', 'show', a.orgId);
    expect(shown.directoryFingerprintsAgree).toBe(true);

    await writeFile(
      join(dir, 'routing.json'),
      JSON.stringify({
        country: 'MX',
        regionCode: 'MX-CHP',
        needCategories: ['legal'],
        urgency: 'urgent',
        languages: ['es'],
      }),
    );
    const { caseId } = await a.ok<{ caseId: string }>('case', 'open', '--routing', join(dir, 'routing.json'));
    for (const section of ['legal', 'identity', 'health'] as const) {
      await writeFile(join(dir, `${section}.txt`), sectionFile(section, `${section} content for ${caseId}`));
      expect(
        await a.ok('section', 'put', '--case', caseId, '--section', section, '--file', join(dir, `${section}.txt`)),
      ).toMatchObject({ action: 'created', keyVersion: 1 });
    }

    await writeFile(join(dir, 'grants.json'), grantsFor('cref_client7f3a9cxxxxxxxxxA', b.orgId));
    const granted = await a.ok<{ consentId: string; receiptCode: string; envelopesAdded: { section: string }[] }>(
      'consent',
      'grant',
      '--case',
      caseId,
      '--file',
      join(dir, 'grants.json'),
    );
    expect(granted.envelopesAdded.map((entry) => entry.section).sort()).toEqual(['identity', 'legal']);

    const fetched = await b.ok<{ sections: { section: string; ok: boolean; out?: string }[] }>(
      'case',
      'fetch',
      '--case',
      caseId,
      '--purpose',
      'legal_representation',
      '--out-dir',
      join(dir, 'b-out'),
    );
    expect(fetched.sections.map((entry) => [entry.section, entry.ok]).sort()).toEqual([
      ['identity', true],
      ['legal', true],
    ]);
    const legalOut = fetched.sections.find((entry) => entry.section === 'legal')?.out ?? '';
    expect(await readFile(legalOut, 'utf8')).toBe(sectionFile('legal', `legal content for ${caseId}`));
    expect(
      await b.fails(
        'section',
        'get',
        '--case',
        caseId,
        '--section',
        'health',
        '--purpose',
        'legal_representation',
        '--stdout',
      ),
    ).toBe('SECTION.NOT_FOUND');

    const receipt = await b.ok<{ receiptsValid: boolean; accessLog: { verification: { valid: boolean } } }>(
      'receipt',
      'verify',
      granted.receiptCode,
    );
    expect(receipt.receiptsValid).toBe(true);
    expect(receipt.accessLog.verification.valid).toBe(true);
    expect(
      (await a.ok<{ verification: { valid: boolean } }>('access-log', 'verify', '--case', caseId)).verification.valid,
    ).toBe(true);

    await a.ok('consent', 'withdraw', '--case', caseId, '--consent', granted.consentId, '--grantee', b.orgId);
    expect(
      await b.fails(
        'section',
        'get',
        '--case',
        caseId,
        '--section',
        'legal',
        '--purpose',
        'legal_representation',
        '--stdout',
      ),
    ).toMatch(/NOT_FOUND$/);
    // The next write of a revoked section rotates by itself, to the organizations still granted (none but the owner).
    await writeFile(join(dir, 'legal.txt'), sectionFile('legal', 'legal content v2'));
    expect(
      await a.ok('section', 'put', '--case', caseId, '--section', 'legal', '--file', join(dir, 'legal.txt')),
    ).toMatchObject({ action: 'rotated', keyVersion: 2, recipients: [a.orgId] });
    const mine = await a.run(
      'section',
      'get',
      '--case',
      caseId,
      '--section',
      'legal',
      '--purpose',
      'case_coordination',
      '--stdout',
    );
    expect(mine.stdout).toBe(sectionFile('legal', 'legal content v2'));

    // A key rotation of the organization itself: old envelopes still open, new content is signed with the new key.
    expect(await a.ok('keys', 'rotate')).toMatchObject({ keyVersion: 2 });
    await writeFile(join(dir, 'identity.txt'), sectionFile('identity', 'identity content v2'));
    expect(
      await a.ok('section', 'put', '--case', caseId, '--section', 'identity', '--file', join(dir, 'identity.txt')),
    ).toMatchObject({ contentVersion: 2 });
    expect(
      (
        await a.run(
          'section',
          'get',
          '--case',
          caseId,
          '--section',
          'identity',
          '--purpose',
          'case_coordination',
          '--stdout',
        )
      ).stdout,
    ).toBe(sectionFile('identity', 'identity content v2'));

    // After the erasure the client's code still shows who received what; the receipts went with the case.
    const before = await b.ok<{ accessLog: { entries: number } }>('receipt', 'verify', granted.receiptCode);
    // The erasure itself, through the CLI: a mistyped confirmation sends nothing.
    expect(
      await a.fails('case', 'erase', '--case', caseId, '--legal-basis', 'arco_cancellation', '--confirm', `${caseId}x`),
    ).toBe('CLI.USAGE');
    expect(await a.fails('case', 'erasure-status', '--case', caseId)).toBe('CASE.NOT_FOUND');
    expect(
      await a.ok('case', 'erase', '--case', caseId, '--legal-basis', 'arco_cancellation', '--confirm', caseId),
    ).toMatchObject({ caseId, legalBasis: 'arco_cancellation', complete: false });
    expect(await a.fails('case', 'erase', '--case', caseId, '--legal-basis', 'court_order', '--confirm', caseId)).toBe(
      'CASE.ALREADY_ERASED',
    );
    expect(await a.ok('case', 'erasure-status', '--case', caseId)).toMatchObject({
      caseId,
      legalBasis: 'arco_cancellation',
    });
    expect(await b.ok('receipt', 'verify', granted.receiptCode)).toMatchObject({
      caseId,
      consentId: null,
      erasure: { legalBasis: 'arco_cancellation' },
      receiptsValid: null,
      receipts: [],
      accessLog: { entries: before.accessLog.entries, verification: { valid: true } },
    });
  }, 120_000);
  it("refuses to seal to a grantee's key swapped directly in MongoDB, and names the organization", async () => {
    const c = new Staff(`org_us2_${run}`, dir, {
      REFUGIO_INTAKE_URL: intake.url,
      REFUGIO_TOKEN: await stack.issuer.mint({
        sub: `ana_us2_${run}`,
        org: `org_us2_${run}`,
        roles: ['partner_attorney', 'org_admin'],
      }),
      REFUGIO_PASSPHRASE: 'a long passphrase for tests',
    });
    await c.ok('keys', 'init', '--org', c.orgId);
    await c.ok('keys', 'register');
    await writeFile(
      join(dir, 'routing-c.json'),
      JSON.stringify({
        country: 'MX',
        regionCode: 'MX-BCN',
        needCategories: ['legal'],
        urgency: 'urgent',
        languages: ['es'],
      }),
    );
    const { caseId } = await a.ok<{ caseId: string }>('case', 'open', '--routing', join(dir, 'routing-c.json'));
    await writeFile(join(dir, 'identity-c.txt'), sectionFile('identity', 'CANARY-identity for the partner'));
    await a.ok('section', 'put', '--case', caseId, '--section', 'identity', '--file', join(dir, 'identity-c.txt'));
    await writeFile(join(dir, 'grants-c.json'), grantsFor('cref_client8e2b1dxxxxxxxxxA', c.orgId));
    // Sealing the identity key to C pins C's keys in A's CLI.
    await a.ok('consent', 'grant', '--case', caseId, '--file', join(dir, 'grants-c.json'));

    // Someone with write access to intake's database replaces C's key with one they hold.
    const impostor = toPublicKeyRecord(await generateOrgKeys(c.orgId));
    const connection = await mongoose.createConnection(mongoUri(stack.databaseOf('intake'))).asPromise();
    try {
      const swapped = await connection
        .collection('key_directory_log')
        .updateOne({ orgId: c.orgId, keyVersion: 1 }, { $set: { record: impostor } });
      expect(swapped.modifiedCount).toBe(1);
    } finally {
      await connection.close();
    }
    // A's next seal to C (the first version of a section C is granted) is refused, naming C; nothing is written.
    await writeFile(join(dir, 'legal-c.txt'), sectionFile('legal', 'CANARY-legal for the partner'));
    const refused = await a.run(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'legal',
      '--file',
      join(dir, 'legal-c.txt'),
    );
    expect(refused.exitCode).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({
      error: 'CLI.KEY_UNTRUSTED',
      message: expect.stringContaining(c.orgId) as string,
    });
    const listed = await a.ok<{ sections: { section: string }[] }>(
      'case',
      'fetch',
      '--case',
      caseId,
      '--purpose',
      'case_coordination',
      '--out-dir',
      join(dir, 'a-out-c'),
    );
    expect(listed.sections.map((entry) => entry.section)).toEqual(['identity']);
  }, 120_000);
});
