import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeToken } from '../test/fake-http';
import { FakeIntake } from '../test/fake-intake';
import { type FakeIntakeServer, serveFakeIntake } from '../test/fake-intake-server';
import { ensureBuilt, type ProcessResult, runBuiltCli } from '../test/built-cli';
import { runReferralProcesses } from '../test/referral-processes';
import { StaffSession } from '../test/staff-session';
import { COMMANDS } from './commands';

const PASSPHRASE = 'correct horse battery staple';
/** Identity content as its schema takes it (docs/section-content), in the schema's order: sealed byte for byte. */
const IDENTITY = JSON.stringify({ schemaVersion: 1, legalName: { full: 'CANARY-Process-Test' } });
const ROUTING = {
  country: 'MX',
  regionCode: 'MX-CHP',
  needCategories: ['shelter'],
  urgency: 'routine',
  languages: ['es'],
};
const GRANTS = {
  clientRef: 'cref_clientprocxxxxxxxxxxxA',
  givenBy: 'self',
  collectionMethod: 'written',
  language: 'es',
  jurisdiction: 'MX',
  privacyNotice: { ref: 'aviso-integral', version: '2025.1' },
  grants: [
    {
      granteeOrgId: 'org-shelter',
      action: 'access',
      purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
      sections: ['identity'],
      expressConsent: false,
      validUntil: '2099-01-01T00:00:00.000Z',
      onwardSharing: false,
    },
  ],
};

function errorOf(result: ProcessResult): { error: string; message: string } {
  return JSON.parse(result.stderr) as { error: string; message: string };
}

/**
 * Every command through the built CLI in its own process, as a user runs it:
 * this is what catches main.ts forgetting set-up (initCrypto) that the
 * in-process tests' environment happens to do for them.
 */
describe('the built staff CLI as a process', () => {
  // Each command is a fresh Node process (about half a second), and a test runs several.
  jest.setTimeout(60_000);
  let intake: FakeIntake;
  let server: FakeIntakeServer;
  let dir: string;
  let env: Record<string, string>;
  /** The commands that succeeded as a process, so the last test can tell whether one was left out. */
  const succeeded = new Set<string>();

  async function cli(...argv: string[]): Promise<ProcessResult> {
    const result = await runBuiltCli(argv, env);
    if (result.exitCode === 0) succeeded.add(argv.slice(0, 2).join(' '));
    return result;
  }

  async function usageError(...argv: string[]): Promise<string> {
    const result = await cli(...argv);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const { error, message } = errorOf(result);
    expect(error).toBe('CLI.USAGE');
    return message;
  }

  async function ok<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
    const result = await cli(...argv);
    if (result.exitCode !== 0)
      throw new Error(`${argv.slice(0, 2).join(' ')} exited ${result.exitCode}: ${result.stderr}`);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as T;
  }

  beforeAll(async () => {
    ensureBuilt();
    intake = new FakeIntake();
    server = await serveFakeIntake(intake);
    dir = await mkdtemp(join(tmpdir(), 'staff-cli-process-'));
    // The owner's keyfile comes from the in-process CLI at the cheapest Argon2id cost, to keep these tests fast;
    // the process opens it at the cost written in it. `keys init` itself is run as a process below.
    const owner = await StaffSession.create('org-legal-aid', intake);
    await owner.ok('keys', 'init', '--org', 'org-legal-aid');
    await (await StaffSession.create('org-shelter', intake)).enroll();
    env = {
      REFUGIO_INTAKE_URL: server.url,
      REFUGIO_TOKEN: fakeToken('org-legal-aid'),
      REFUGIO_PASSPHRASE: PASSPHRASE,
      REFUGIO_KEYFILE: owner.keyfile,
    };
  }, 240_000);

  afterAll(async () => {
    await server?.close();
  });

  it('--help prints the command groups with the real invocation, and a command its options', async () => {
    const top = await runBuiltCli(['--help'], env);
    expect(top).toMatchObject({ exitCode: 0, stderr: '' });
    expect(top.stdout).toMatch(/^Usage: npm run -s cli -- \[options\] \[command\]\n/);
    for (const group of ['keys', 'case', 'section', 'consent', 'receipt', 'access-log'])
      expect(top.stdout).toMatch(new RegExp(`^  ${group} `, 'm'));

    const put = await runBuiltCli(['section', 'put', '--help'], env);
    expect(put).toMatchObject({ exitCode: 0, stderr: '' });
    expect(put.stdout).toMatch(/^Usage: npm run -s cli -- section put --case <caseId> --section <name> --file <path>/);
    expect(put.stdout).toContain('--purpose-recipients <purposes>');
    expect(put.stdout).toContain('--keyfile <path>');
  });

  it('refuses an unknown option and a missing required option with CLI.USAGE and exit code 1', async () => {
    expect(await usageError('keys', 'show', 'org-shelter', '--passphrase', 'x')).toBe(
      "keys show: unknown option '--passphrase'",
    );
    expect(await usageError('case', 'fetch', '--case', 'c', '--purpose', 'case_coordination')).toBe(
      "case fetch: required option '--out-dir <directory>' not specified",
    );
  });

  it('takes a value that starts with a dash as the value of its option', async () => {
    // Ids are base64url and may start with '-': this one must reach intake as the case id, not be an option.
    const get = ['section', 'get', '--case', '-Ab_cd', '--section', 'identity', '--purpose', 'case_coordination'];
    const result = await cli(...get);
    expect(result.exitCode).toBe(1);
    expect(errorOf(result)).toMatchObject({
      error: 'CASE.NOT_FOUND',
      message: expect.stringContaining('/api/cases/-Ab_cd/sections/identity') as string,
    });
  });

  it('keys init writes a new keyfile (passed with --keyfile)', async () => {
    const keyfile = join(dir, 'fresh.keys.json');
    expect(await ok('keys', 'init', '--org', 'org-fresh', '--keyfile', keyfile)).toMatchObject({
      orgId: 'org-fresh',
      keyVersion: 1,
    });
    expect(JSON.parse(await readFile(keyfile, 'utf8'))).toBeInstanceOf(Object);
  }, 60_000);

  it('keys register, keys rotate and keys show, the keyfile taken from REFUGIO_KEYFILE', async () => {
    expect(await ok('keys', 'register')).toMatchObject({ orgId: 'org-legal-aid', keyVersion: 1 });
    expect(await ok('keys', 'rotate')).toMatchObject({ keyVersion: 2 });
    expect(intake.keys.get('org-legal-aid')).toHaveLength(2);
    // keys show computes fingerprints synchronously: it needs the SDK loaded (exit 1, CRYPTO.UNAVAILABLE without).
    const shown = await ok<{ fingerprint: string; trusted: boolean; directory: { keyFingerprint: string } }>(
      'keys',
      'show',
      'org-shelter',
    );
    expect(shown).toMatchObject({ orgId: 'org-shelter', keyVersion: 1, trusted: true });
    expect(await ok('keys', 'trust', 'org-shelter', shown.fingerprint.replace(/ /g, ''))).toMatchObject({
      trusted: { keyVersion: 1, fingerprint: shown.fingerprint },
    });
    expect(await ok('keys', 'trust-directory', shown.directory.keyFingerprint)).toMatchObject({
      directory: { keyFingerprint: shown.directory.keyFingerprint },
    });
  });

  it('case open, section put/get, case fetch, consent grant, receipt verify, access-log verify, withdraw', async () => {
    const routing = join(dir, 'routing.json');
    await writeFile(routing, JSON.stringify(ROUTING));
    const { caseId } = await ok<{ caseId: string }>('case', 'open', '--routing', routing);
    expect(intake.cases.has(caseId)).toBe(true);

    const plaintext = join(dir, 'identity.json');
    await writeFile(plaintext, IDENTITY);
    const put = ['section', 'put', '--case', caseId, '--section', 'identity', '--file', plaintext];
    expect(await ok(...put)).toMatchObject({ action: 'created', contentVersion: 1 });
    const get = ['section', 'get', '--case', caseId, '--section', 'identity', '--purpose', 'case_coordination'];
    expect(await cli(...get, '--stdout')).toEqual({ exitCode: 0, stdout: IDENTITY, stderr: '' });
    const outDir = join(dir, 'fetched');
    await ok('case', 'fetch', '--case', caseId, '--purpose', 'case_coordination', '--out-dir', outDir);
    expect(await readdir(outDir)).toHaveLength(1);

    const grants = join(dir, 'grants.json');
    await writeFile(grants, JSON.stringify(GRANTS));
    const granted = await ok<{ receiptCode: string; consentId: string }>(
      'consent',
      'grant',
      '--case',
      caseId,
      '--file',
      grants,
    );
    expect(granted).toMatchObject({ envelopesAdded: [{ section: 'identity', orgIds: ['org-shelter'] }] });

    // Receipt signatures are checked with synchronous SDK calls: without the SDK loaded,
    // a genuine receipt is reported invalid.
    const verified = await ok<{ accessLog: { newestHead: string } }>('receipt', 'verify', granted.receiptCode);
    expect(verified).toMatchObject({ caseId, receiptsValid: true, accessLog: { verification: { valid: true } } });
    const head = verified.accessLog.newestHead;
    expect(await ok('access-log', 'verify', '--case', caseId, '--expect-head', head)).toMatchObject({
      entries: intake.cases.get(caseId)?.log.length,
      verification: { valid: true },
    });

    const withdraw = ['consent', 'withdraw', '--case', caseId, '--consent', granted.consentId];
    expect(await ok(...withdraw, '--grantee', 'org-shelter')).toMatchObject({
      withdrawn: true,
      grant: { state: 'withdrawn' },
    });

    const erase = ['case', 'erase', '--case', caseId, '--legal-basis', 'arco_cancellation'];
    expect(await usageError(...erase, '--confirm', 'case_other')).toBe(
      '--confirm must repeat the case id given with --case',
    );
    expect(await usageError('case', 'erase', '--case', caseId, '--legal-basis', 'because', '--confirm', caseId)).toBe(
      '--legal-basis: expected one of arco_cancellation, retention_expired, court_order',
    );
    expect(intake.erasures.size).toBe(0);
    expect(await ok(...erase, '--confirm', caseId)).toMatchObject({ caseId, legalBasis: 'arco_cancellation' });
    expect(await ok('case', 'erasure-status', '--case', caseId)).toMatchObject({ caseId, complete: false });
  });

  it('fails with one JSON line naming the real path, and names the URL when intake is unreachable', async () => {
    const missing = await cli(
      'section',
      'get',
      '--case',
      'case_none',
      '--section',
      'identity',
      '--purpose',
      'case_coordination',
    );
    expect(missing.exitCode).toBe(1);
    expect(errorOf(missing)).toMatchObject({
      error: 'CASE.NOT_FOUND',
      message: expect.stringContaining('/api/cases/case_none/sections/identity') as string,
    });

    const down = 'http://127.0.0.1:9/api/';
    const unreachable = await runBuiltCli(['keys', 'show', 'org-shelter'], { ...env, REFUGIO_INTAKE_URL: down });
    expect(unreachable.exitCode).toBe(1);
    expect(errorOf(unreachable)).toMatchObject({
      error: 'CLI.INTAKE_UNREACHABLE',
      message: expect.stringContaining(down) as string,
    });
  });

  it('directory publish/show/search; a referral made, noted, accepted, completed, withdrawn, declined', async () => {
    const partner = await (await StaffSession.create('org-us-probono', intake)).enroll();
    const partnerEnv = { ...env, REFUGIO_TOKEN: fakeToken('org-us-probono'), REFUGIO_KEYFILE: partner.keyfile };
    const asPartner = async (...argv: string[]): Promise<ProcessResult> => {
      const result = await runBuiltCli(argv, partnerEnv);
      if (result.exitCode === 0) succeeded.add(argv.slice(0, 2).join(' '));
      return result;
    };
    await runReferralProcesses({ owner: cli, partner: asPartner, dir, routing: ROUTING, consent: GRANTS });
  }, 240_000);

  // Last in the file: jest runs a file's tests in order.
  it('has run every command successfully as a process', () => {
    expect(COMMANDS.map((c) => c.name).filter((name) => !succeeded.has(name))).toEqual([]);
  });
});
