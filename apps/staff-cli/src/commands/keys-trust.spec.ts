import { stat, readFile, rm } from 'node:fs/promises';
import {
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogEntry,
  directoryLogEntryHash,
  generateOrgKeys,
  keyFingerprint,
  orgKeysFingerprint,
  rotateOrgKeys,
  toPublicKeyRecord,
} from '@app/crypto';
import { type FakeIntake } from '../../test/fake-intake';
import { type StaffSession } from '../../test/staff-session';
import { type CliResult } from '../cli-types';
import {
  IDENTITY,
  SHELTER_GRANT,
  errorCode,
  grantAs,
  openSharedCase,
  putSection,
  runPutSection,
} from '../../test/shared-case';

/**
 * The staff CLI's trust in the key directory: pins on first use, refusals
 * that name the organization, and the explicit ways back (keys trust,
 * keys trust-directory). The fake intake keeps its directory as a log the
 * tests tamper with, as someone with write access to intake's database would.
 */
describe('keys the CLI trusts', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let caseId: string;

  beforeEach(async () => {
    ({ intake, owner, shelter, caseId } = await openSharedCase());
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    await grantAs(owner, caseId, [SHELTER_GRANT]);
  });

  /** The shelter's version 1 replaced in place, in the served keys and in its log entry (hash left as it was). */
  async function swapShelterKeyInPlace(): Promise<string> {
    const impostor = toPublicKeyRecord(await generateOrgKeys('org-shelter'));
    intake.keys.set('org-shelter', [impostor]);
    const at = intake.directoryLog.findIndex((entry) => entry.orgId === 'org-shelter');
    intake.directoryLog[at] = { ...(intake.directoryLog[at] as DirectoryLogEntry), record: impostor };
    return orgKeysFingerprint(impostor);
  }

  /** Recomputes every hash after an edit, as a careful attacker would: the log is consistent, but different. */
  function rehashLog(): void {
    let previous = DIRECTORY_LOG_GENESIS;
    intake.directoryLog.forEach((entry, index) => {
      const { hash: _stale, ...body } = entry;
      const rehashed = { ...body, hash: directoryLogEntryHash(previous, body) };
      intake.directoryLog[index] = rehashed;
      previous = rehashed.hash;
    });
  }

  // A first write of a section the shelter is granted: sealed to the shelter's current key, looked up now.
  const putAgain = (): Promise<CliResult> =>
    runPutSection(
      owner,
      caseId,
      'needs',
      'needs.json',
      JSON.stringify({
        schemaVersion: 1,
        needs: [{ category: 'shelter', urgency: 'urgent', description: 'CANARY-needs' }],
      }),
    );
  const writes = (): number => intake.requests.filter((r) => r.method === 'PUT' || r.method === 'POST').length;

  it('pins each organization it used, beside the keyfile, owner-only', async () => {
    const file = `${owner.keyfile}.trusted-keys.json`;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const trusted = JSON.parse(await readFile(file, 'utf8')) as { pins: Record<string, unknown> };
    const shelterV1 = intake.keys.get('org-shelter')?.[0];
    expect(trusted.pins['org-shelter']).toEqual({ keyVersion: 1, fingerprint: await orgKeysFingerprint(shelterV1!) });
  });

  it("refuses to seal to a grantee's key swapped in the database, naming it, and sends nothing", async () => {
    await swapShelterKeyInPlace();
    const before = writes();
    const result = await putAgain();
    expect([result.exitCode, errorCode(result.stderr)]).toEqual([1, 'CLI.KEY_UNTRUSTED']);
    expect(result.stderr).toContain('org-shelter');
    expect(writes()).toBe(before);
    // keys show says so, and shows the fingerprint to compare.
    const shown = await owner.ok('keys', 'show', 'org-shelter');
    expect(shown).toMatchObject({ trusted: false, problem: expect.stringContaining('org-shelter') as string });
  });

  it('refuses, even on first use, a key whose log entry no longer hashes', async () => {
    await swapShelterKeyInPlace();
    await rm(`${owner.keyfile}.trusted-keys.json`);
    const result = await putAgain();
    expect([result.exitCode, errorCode(result.stderr)]).toEqual([1, 'CLI.DIRECTORY_UNTRUSTED']);
  });

  it('catches a consistently rewritten log by the head it remembers; pins outlive trusting it again', async () => {
    await swapShelterKeyInPlace();
    rehashLog();
    const result = await putAgain();
    expect([result.exitCode, errorCode(result.stderr)]).toEqual([1, 'CLI.DIRECTORY_UNTRUSTED']);
    expect(result.stderr).toContain('rewritten');

    // Its operators confirm the directory's key: the log is verified anew, and the pin still holds.
    const head = (await intake.directory.signedHead()) as { keyId: string };
    await owner.ok('keys', 'trust-directory', keyFingerprint(head.keyId));
    const still = await putAgain();
    expect([still.exitCode, errorCode(still.stderr)]).toEqual([1, 'CLI.KEY_UNTRUSTED']);
    expect(still.stderr).toContain('org-shelter');
  });

  it('refuses a rotation the previous key did not sign, until a person trusts the new fingerprint', async () => {
    const impostor = await rotateOrgKeys(await generateOrgKeys('org-shelter'));
    const forged = impostor.statement.record;
    intake.keys.get('org-shelter')?.push(forged);
    intake.directory.appendToLog(forged, {
      signedByKeyId: impostor.statement.signedByKeyId,
      signature: impostor.statement.signature,
    });

    const refused = await putAgain();
    expect([refused.exitCode, errorCode(refused.stderr)]).toEqual([1, 'CLI.KEY_UNTRUSTED']);
    expect(refused.stderr).toContain('org-shelter');
    expect(refused.stderr).toContain('not signed');

    const wrong = await owner.run('keys', 'trust', 'org-shelter', '0000 0000 0000 0000 0000 0000 0000 0000');
    expect(errorCode(wrong.stderr)).toBe('CLI.KEY_UNTRUSTED');
    const fingerprint = await orgKeysFingerprint(forged);
    expect(await owner.ok('keys', 'trust', 'org-shelter', fingerprint.toUpperCase())).toMatchObject({
      trusted: { keyVersion: 2, fingerprint },
      current: { keyVersion: 2, fingerprint },
    });
    const written = await putAgain();
    expect(written.exitCode).toBe(0);
  });

  it('refuses a directory that hides the newest version of an organization (a rollback)', async () => {
    await shelter.ok('keys', 'rotate');
    expect(await owner.ok('keys', 'show', 'org-shelter')).toMatchObject({ keyVersion: 2, trusted: true });
    intake.intercept = (r) =>
      r.method === 'GET' && r.segments.join('/') === 'organizations/org-shelter/keys/history'
        ? { orgId: 'org-shelter', versions: intake.directoryLog.filter((e) => e.orgId === 'org-shelter').slice(0, 1) }
        : undefined;
    const refused = await putAgain();
    expect([refused.exitCode, errorCode(refused.stderr)]).toEqual([1, 'CLI.KEY_UNTRUSTED']);
    expect(refused.stderr).toContain("the log's newest is version 2");
  });

  it('refuses a directory that signs with another key, until keys trust-directory with its fingerprint', async () => {
    intake.directory.replaceDirectoryKey();
    const refused = await putAgain();
    expect([refused.exitCode, errorCode(refused.stderr)]).toEqual([1, 'CLI.DIRECTORY_UNTRUSTED']);
    const match = /now signs with key ([0-9a-f ]{39})/.exec(refused.stderr);
    expect(match).not.toBeNull();
    const wrong = await owner.run('keys', 'trust-directory', '0000 0000 0000 0000 0000 0000 0000 0000');
    expect(errorCode(wrong.stderr)).toBe('CLI.DIRECTORY_UNTRUSTED');
    await owner.ok('keys', 'trust-directory', match?.[1] ?? '');
    expect((await putAgain()).exitCode).toBe(0);
  });
});
