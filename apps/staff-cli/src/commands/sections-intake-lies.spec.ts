import { recipientKeyOf, sealDataKey } from '@app/crypto';
import { readFile, stat } from 'node:fs/promises';
import { type FakeIntake } from '../../test/fake-intake';
import {
  errorCode,
  grantAs,
  grantsFile,
  IDENTITY,
  openSharedCase,
  SHELTER_GRANT,
  write,
  putSection,
  IDENTITY_V2,
} from '../../test/shared-case';
import { type StaffSession } from '../../test/staff-session';

describe('sections: what the CLI refuses to take on the word of intake', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let caseId: string;
  const grant = (grants: object[], ...extra: string[]): Promise<Record<string, unknown>> =>
    grantAs(owner, caseId, grants, ...extra);

  beforeEach(async () => {
    ({ intake, owner, shelter, caseId } = await openSharedCase());
  });

  it('refuses to reuse a data key from an envelope intake substituted (a key intake knows)', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    const ownerKeys = intake.keys.get('org-legal-aid')?.[0];
    const knownKey = new Uint8Array(32).fill(7);
    const forged = sealDataKey({
      caseId,
      section: 'identity',
      keyVersion: 1,
      dataKey: knownKey,
      recipient: recipientKeyOf(ownerKeys!),
    });
    intake.intercept = (r) => {
      if (r.method !== 'GET' || r.segments[0] !== 'cases' || r.segments.length !== 4) return undefined;
      return { record: intake.cases.get(caseId)?.sections.get('identity')?.record, envelope: forged };
    };
    const puts = (): number => intake.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    const result = await owner.run(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity2.json', IDENTITY_V2),
    );
    expect(errorCode(result.stderr)).toBe('CRYPTO.DECRYPTION_FAILED');
    expect(puts()).toBe(before);
  });

  it('refuses to share a data key from an envelope intake substituted with a new grantee', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    const ownerKeys = intake.keys.get('org-legal-aid')?.[0];
    const forged = sealDataKey({
      caseId,
      section: 'identity',
      keyVersion: 1,
      dataKey: new Uint8Array(32).fill(7),
      recipient: recipientKeyOf(ownerKeys!),
    });
    intake.intercept = (r) => {
      if (r.method !== 'GET' || r.segments[0] !== 'cases' || r.segments.length !== 4) return undefined;
      return { record: intake.cases.get(caseId)?.sections.get('identity')?.record, envelope: forged };
    };
    const file = await write(owner, 'grants-forged.json', grantsFile([SHELTER_GRANT]));
    const result = await owner.run('consent', 'grant', '--case', caseId, '--file', file);
    expect(result.exitCode).toBe(1);
    expect(errorCode(result.stderr)).toBe('CRYPTO.KEY_MISMATCH');
    // The consent is stored; no envelope holding the planted key reached intake for the shelter.
    expect(intake.requests.filter((r) => r.method === 'POST' && r.segments.includes('envelopes'))).toEqual([]);
  });

  // A rollback: refused for the grantee and the owner alike.
  it('refuses a replaced version that intake hands out again', async () => {
    await grant([SHELTER_GRANT]);
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    const first = structuredClone(intake.cases.get(caseId)!.sections.get('identity')!);
    const read = (
      session: StaffSession,
      purpose: string,
    ): Promise<{ exitCode: number; stdout: string; stderr: string }> =>
      session.run('section', 'get', '--case', caseId, '--section', 'identity', '--purpose', purpose, '--stdout');
    expect((await read(shelter, 'shelter_placement')).stdout).toBe(IDENTITY);

    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity2.json', IDENTITY_V2),
    );
    expect((await read(shelter, 'shelter_placement')).stdout).toBe(IDENTITY_V2);

    // Intake serves version 1 again: genuinely signed, envelopes that open it, but replaced.
    intake.intercept = (r) => {
      if (r.method !== 'GET' || r.segments[0] !== 'cases' || r.segments.length !== 4) return undefined;
      const envelope = first.envelopes.find((candidate) => candidate.recipientOrgId === r.caller?.org);
      return { record: first.record, envelope };
    };
    for (const [session, purpose] of [
      [shelter, 'shelter_placement'],
      [owner, 'case_coordination'],
    ] as const) {
      const replayed = await read(session, purpose);
      expect([replayed.exitCode, errorCode(replayed.stderr)]).toEqual([1, 'CRYPTO.STALE_VERSION']);
      expect(replayed.stdout).toBe('');
    }
    // The memory beside the keyfile: private, versions only.
    const seenFile = `${shelter.keyfile}.seen.json`;
    expect((await stat(seenFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(seenFile, 'utf8'))).toEqual({
      v: 1,
      sections: { [`${caseId} identity`]: { contentVersion: 2, keyVersion: 1 } },
    });
  });
});
