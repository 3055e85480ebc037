import { recipientKeyOf, sealDataKey } from '@app/crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeIntake } from '../../test/fake-intake';
import { StaffSession } from '../../test/staff-session';

const IDENTITY = '{"legalName":"CANARY-Valeria-Ruiz","pronouns":"ella"}';
const HEALTH = '{"hiv":"CANARY-on-treatment"}';

function grantsFile(grants: object[]): string {
  return JSON.stringify({
    clientRef: 'client_v1',
    givenBy: 'self',
    collectionMethod: 'written',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-integral', version: '2025.1' },
    grants,
  });
}

const SHELTER_GRANT = {
  granteeOrgId: 'org-shelter',
  action: 'access',
  purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
  sections: ['identity', 'needs'],
  expressConsent: false,
  validUntil: '2099-01-01T00:00:00.000Z',
  onwardSharing: false,
};
const CLINIC_GRANT = {
  ...SHELTER_GRANT,
  granteeOrgId: 'org-clinic',
  purposes: [{ purpose: 'health_referral', basis: 'necessary' }],
  sections: ['health'],
  expressConsent: true,
};

function errorCode(stderr: string): string {
  return (JSON.parse(stderr) as { error: string }).error;
}

describe('sections and consent through the CLI', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let clinic: StaffSession;
  let caseId: string;

  async function write(session: StaffSession, name: string, content: string): Promise<string> {
    const path = join(session.dir, name);
    await writeFile(path, content);
    return path;
  }

  async function grant(grants: object[], ...extra: string[]): Promise<Record<string, unknown>> {
    return owner.ok(
      'consent',
      'grant',
      '--case',
      caseId,
      '--file',
      await write(owner, `grants-${Math.random()}.json`, grantsFile(grants)),
      ...extra,
    );
  }

  beforeEach(async () => {
    intake = new FakeIntake();
    owner = await (await StaffSession.create('org-legal-aid', intake)).enroll();
    shelter = await (await StaffSession.create('org-shelter', intake)).enroll();
    clinic = await (await StaffSession.create('org-clinic', intake)).enroll();
    const routing = await write(
      owner,
      'routing.json',
      JSON.stringify({
        country: 'MX',
        regionCode: 'MX-CHP',
        needs: ['shelter:lgbtqi_safe'],
        urgency: 'urgent',
        languages: ['es'],
      }),
    );
    caseId = (await owner.ok<{ caseId: string }>('case', 'open', '--routing', routing)).caseId;
  });

  it('seals a first section to the owner only when nothing is granted, and never sends plaintext', async () => {
    const out = await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    expect(out).toMatchObject({ action: 'created', contentVersion: 1, keyVersion: 1, recipients: ['org-legal-aid'] });
    expect(JSON.stringify(intake.requests)).not.toContain('CANARY');
  });

  it('grants, shares existing sections with the grantee, and the grantee reads them after verifying the author', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    const granted = await grant([SHELTER_GRANT, CLINIC_GRANT]);
    expect(granted).toMatchObject({
      caseId,
      version: 1,
      envelopesAdded: [{ section: 'identity', orgIds: ['org-shelter'] }],
    });
    expect(typeof granted.receiptCode).toBe('string');

    const read = await shelter.run(
      'section',
      'get',
      '--case',
      caseId,
      '--section',
      'identity',
      '--purpose',
      'shelter_placement',
      '--stdout',
    );
    expect(read).toEqual({ exitCode: 0, stdout: IDENTITY, stderr: '' });
    // Not granted identity, and granted health only for its own purpose.
    const denied = await clinic.run(
      'section',
      'get',
      '--case',
      caseId,
      '--section',
      'identity',
      '--purpose',
      'health_referral',
    );
    expect(errorCode(denied.stderr)).toBe('SECTION.NOT_FOUND');
  });

  it('seals new sections to the organizations granted them, and updates keep and extend the envelopes', async () => {
    await grant([SHELTER_GRANT, CLINIC_GRANT]);
    expect(
      await owner.ok(
        'section',
        'put',
        '--case',
        caseId,
        '--section',
        'health',
        '--file',
        await write(owner, 'health.json', HEALTH),
      ),
    ).toMatchObject({
      action: 'created',
      recipients: ['org-legal-aid', 'org-clinic'],
    });
    const update = await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'health',
      '--file',
      await write(owner, 'health2.json', '{"v":2}'),
    );
    expect(update).toMatchObject({
      action: 'updated',
      contentVersion: 2,
      keyVersion: 1,
      recipients: ['org-legal-aid', 'org-clinic'],
      envelopesAdded: [],
    });
    expect(
      (
        await clinic.run(
          'section',
          'get',
          '--case',
          caseId,
          '--section',
          'health',
          '--purpose',
          'health_referral',
          '--stdout',
        )
      ).stdout,
    ).toBe('{"v":2}');
  });

  it('limits envelopes to grantees serving --purpose-recipients', async () => {
    await grant([SHELTER_GRANT, { ...CLINIC_GRANT, sections: ['identity'], expressConsent: false }]);
    const out = await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'i.json', IDENTITY),
      '--purpose-recipients',
      'health_referral',
    );
    expect(out).toMatchObject({ recipients: ['org-legal-aid', 'org-clinic'] });
  });

  it('after a withdrawal, the next write rotates to a new key version sealed only to organizations still granted', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    const { consentId } = await grant([
      SHELTER_GRANT,
      { ...CLINIC_GRANT, sections: ['identity'], expressConsent: false },
    ]);
    await owner.ok(
      'consent',
      'withdraw',
      '--case',
      caseId,
      '--consent',
      String(consentId),
      '--grantee',
      'org-shelter',
      '--channel',
      'verbal',
    );

    const out = await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity2.json', '{"v":2}'),
    );
    expect(out).toMatchObject({
      action: 'rotated',
      contentVersion: 2,
      keyVersion: 2,
      recipients: ['org-legal-aid', 'org-clinic'],
    });
    expect(
      errorCode(
        (
          await shelter.run(
            'section',
            'get',
            '--case',
            caseId,
            '--section',
            'identity',
            '--purpose',
            'shelter_placement',
          )
        ).stderr,
      ),
    ).toBe('SECTION.NOT_FOUND');
    expect(
      (
        await clinic.run(
          'section',
          'get',
          '--case',
          caseId,
          '--section',
          'identity',
          '--purpose',
          'health_referral',
          '--stdout',
        )
      ).stdout,
    ).toBe('{"v":2}');
  });

  it('rotates when intake answers SECTION.KEY_VERSION_RETIRED to an update it did not announce', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    // Intake's listing is older than its write check: the retirement shows up only as the 409.
    const stored = intake.cases.get(caseId)?.sections.get('identity');
    intake.intercept = (r) => {
      if (r.method === 'PUT' && stored) stored.rotationRequired = true;
      return undefined;
    };
    const out = await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity2.json', '{"v":2}'),
    );
    expect(out).toMatchObject({ action: 'rotated', keyVersion: 2, contentVersion: 2 });
  });

  it('a new consent version replaces the grants: a new grantee gets the existing sections', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'needs',
      '--file',
      await write(owner, 'needs.json', '{"bed":true}'),
    );
    const first = await grant([CLINIC_GRANT]);
    expect(first.envelopesAdded).toEqual([]);
    const second = await grant([CLINIC_GRANT, SHELTER_GRANT], '--consent', String(first.consentId));
    expect(second).toMatchObject({
      consentId: first.consentId,
      version: 2,
      envelopesAdded: [{ section: 'needs', orgIds: ['org-shelter'] }],
    });
    expect(second).not.toHaveProperty('receiptCode');
  });

  it('section get --out writes a new 0600 file and prints only metadata; without --out or --stdout nothing of the content', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
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
  });

  it('section get --stdout refuses binary content instead of printing mangled bytes', async () => {
    const path = join(owner.dir, 'photo.bin');
    await writeFile(path, Uint8Array.from([0xff, 0xfe, 0x00, 0x81]));
    await owner.ok('section', 'put', '--case', caseId, '--section', 'family', '--file', path);
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
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'needs',
      '--file',
      await write(owner, 'needs.json', '{"bed":true}'),
    );
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'health',
      '--file',
      await write(owner, 'health.json', HEALTH),
    );
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

  it('refuses to reuse a data key from an envelope intake substituted (a key intake knows)', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
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
      if (r.method !== 'GET' || r.segments.length !== 4) return undefined;
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
      await write(owner, 'identity2.json', '{"v":2}'),
    );
    expect(errorCode(result.stderr)).toBe('CRYPTO.DECRYPTION_FAILED');
    expect(puts()).toBe(before);
  });

  it('refuses a replaced version that intake hands out again (rollback), for the grantee and the owner alike', async () => {
    await grant([SHELTER_GRANT]);
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
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
      await write(owner, 'identity2.json', '{"moved":"CANARY-new-address"}'),
    );
    expect((await read(shelter, 'shelter_placement')).stdout).toBe('{"moved":"CANARY-new-address"}');

    // Intake serves version 1 again: genuinely signed, envelopes that open it, but replaced.
    intake.intercept = (r) => {
      if (r.method !== 'GET' || r.segments.length !== 4) return undefined;
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

  it('receipt verify checks every receipt and the access log; access-log verify does the same for the owner', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    const { receiptCode } = await grant([SHELTER_GRANT]);
    await shelter.ok('section', 'get', '--case', caseId, '--section', 'identity', '--purpose', 'shelter_placement');

    const verified = await clinic.ok<{
      receiptsValid: boolean;
      accessLog: { entries: number; verification: { valid: boolean }; newestHead: string };
    }>('receipt', 'verify', String(receiptCode));
    expect(verified).toMatchObject({ caseId, receiptsValid: true, accessLog: { verification: { valid: true } } });
    expect(verified.accessLog.entries).toBeGreaterThanOrEqual(2);
    const receiptFetch = intake.requests.find((r) => r.segments[0] === 'receipts');
    expect(receiptFetch?.caller).toBeUndefined();

    const log = await owner.ok<{ verification: { valid: boolean }; newestHead: string }>(
      'access-log',
      'verify',
      '--case',
      caseId,
      '--expect-head',
      verified.accessLog.newestHead,
    );
    expect(log.verification.valid).toBe(true);
  });

  it('receipt verify fails on a tampered receipt or a cut access log', async () => {
    await owner.ok(
      'section',
      'put',
      '--case',
      caseId,
      '--section',
      'identity',
      '--file',
      await write(owner, 'identity.json', IDENTITY),
    );
    const { receiptCode, consentId } = await grant([SHELTER_GRANT]);
    await shelter.ok('section', 'get', '--case', caseId, '--section', 'identity', '--purpose', 'shelter_placement');
    const head = (await owner.ok<{ newestHead: string }>('access-log', 'verify', '--case', caseId)).newestHead;

    const stored = intake.cases.get(caseId)?.consents.get(String(consentId));
    const genuine = stored?.receipts[0];
    if (stored && genuine)
      stored.receipts[0] = {
        ...genuine,
        record: { ...genuine.record, grants: [{ ...genuine.record.grants[0]!, onwardSharing: true }] },
      };
    const tampered = await clinic.run('receipt', 'verify', String(receiptCode));
    expect(tampered.exitCode).toBe(1);
    expect(errorCode(tampered.stderr)).toBe('CLI.RECEIPT_INVALID');
    expect(JSON.parse(tampered.stdout)).toMatchObject({
      receiptsValid: false,
      receipts: [{ valid: false, code: 'CRYPTO.SIGNATURE_INVALID' }],
    });
    if (stored && genuine) stored.receipts[0] = genuine;

    intake.cases.get(caseId)?.log.pop();
    const cut = await owner.run('access-log', 'verify', '--case', caseId, '--expect-head', head);
    expect(cut.exitCode).toBe(1);
    expect(errorCode(cut.stderr)).toBe('CLI.ACCESS_LOG_BROKEN');
    expect(JSON.parse(cut.stdout)).toMatchObject({ verification: { valid: false, reason: 'HEAD_MISSING' } });
  });
});
