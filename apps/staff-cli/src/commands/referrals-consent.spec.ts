import { type DirectoryLogEntry, generateOrgKeys, toPublicKeyRecord } from '@app/crypto';
import { type FakeRequest } from '../../test/fake-http';
import { errorCode, putSection, write } from '../../test/shared-case';
import {
  DISCLOSE_GRANT,
  PARTNER_ORG,
  type ReferralCase,
  grantAs,
  openReferralCase,
  refer,
} from '../../test/referral-case';

jest.setTimeout(30_000);

const posted = (r: FakeRequest): boolean => r.method === 'POST' && r.segments.at(-1) === 'referrals';

describe('referrals and consent: staged disclosure', () => {
  let setup: ReferralCase;

  const create = (...options: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> =>
    setup.owner.run(
      'referral',
      'create',
      '--case',
      setup.caseId,
      '--partner',
      PARTNER_ORG,
      '--purpose',
      'legal_representation',
      '--need',
      'legal',
      ...options,
    );

  beforeEach(async () => {
    setup = await openReferralCase();
  });

  it('refers nothing without a grant, naming the sections no grant covers', async () => {
    await grantAs(setup.owner, setup.caseId, [{ ...DISCLOSE_GRANT, sections: ['identity'] }]);
    const result = await setup.owner.run(
      'referral',
      'create',
      '--case',
      setup.caseId,
      '--partner',
      PARTNER_ORG,
      '--purpose',
      'legal_representation',
      '--sections',
      'identity,legal',
      '--need',
      'legal',
    );
    expect(result.exitCode).toBe(1);
    const error = JSON.parse(result.stderr) as { error: string; message: string };
    expect(error.error).toBe('CLI.GRANT_MISSING');
    expect(error.message).toContain(`${PARTNER_ORG} for legal_representation on section(s) legal`);
    expect(setup.intake.requests.some(posted)).toBe(false);
  });

  it('refuses a grant for another purpose', async () => {
    await grantAs(setup.owner, setup.caseId, [
      { ...DISCLOSE_GRANT, purposes: [{ purpose: 'case_coordination', basis: 'necessary' }] },
    ]);
    const result = await setup.owner.run(
      'referral',
      'create',
      '--case',
      setup.caseId,
      '--partner',
      PARTNER_ORG,
      '--purpose',
      'legal_representation',
      '--sections',
      'legal',
      '--need',
      'legal',
    );
    expect(errorCode(result.stderr)).toBe('CLI.GRANT_MISSING');
  });

  it('a grant to disclose gives the partner no envelope when granted, written or rewritten', async () => {
    const granted = await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
    expect(granted).toMatchObject({ envelopesAdded: [] });
    const update = await putSection(
      setup.owner,
      setup.caseId,
      'legal',
      'legal2.json',
      JSON.stringify({ schemaVersion: 1, narrative: 'v2' }),
    );
    expect(update).toMatchObject({ action: 'updated', recipients: ['org-legal-aid'], envelopesAdded: [] });
    const stored = setup.intake.cases.get(setup.caseId)?.sections.get('legal');
    expect(stored?.envelopes.map((e) => e.recipientOrgId)).toEqual(['org-legal-aid']);
  });

  it('a grant to access shares as before', async () => {
    const granted = await grantAs(setup.owner, setup.caseId, [{ ...DISCLOSE_GRANT, action: 'access' }]);
    expect(granted).toMatchObject({
      envelopesAdded: [
        { section: 'identity', orgIds: [PARTNER_ORG] },
        { section: 'legal', orgIds: [PARTNER_ORG] },
      ],
    });
  });

  it('refuses a note intake moved from another referral', async () => {
    await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
    const first = await refer(setup);
    const second = await refer(setup);
    const moved = setup.intake.referrals.referrals.get(first.referralId)?.teaser.note;
    const target = setup.intake.referrals.referrals.get(second.referralId);
    if (!moved || !target) throw new Error('referrals not stored');
    target.teaser.note = moved;
    const result = await setup.partner.run('referral', 'note', '--referral', second.referralId);
    expect(errorCode(result.stderr)).toBe('CRYPTO.KEY_MISMATCH');
    expect(await setup.partner.ok('referral', 'note', '--referral', first.referralId)).toMatchObject({
      referralId: first.referralId,
    });
  });

  it('refuses to seal to partner keys other than the ones it pinned, and sends nothing', async () => {
    await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
    await setup.owner.ok('keys', 'show', PARTNER_ORG);
    // Intake swaps the partner's key for one it holds, in the served keys and in the log.
    const impostor = toPublicKeyRecord(await generateOrgKeys(PARTNER_ORG));
    setup.intake.keys.set(PARTNER_ORG, [impostor]);
    const at = setup.intake.directoryLog.findIndex((entry) => entry.orgId === PARTNER_ORG);
    setup.intake.directoryLog[at] = { ...(setup.intake.directoryLog[at] as DirectoryLogEntry), record: impostor };
    const result = await create('--sections', 'legal');
    expect(result.exitCode).toBe(1);
    expect(['CLI.KEY_UNTRUSTED', 'CLI.DIRECTORY_UNTRUSTED']).toContain(errorCode(result.stderr));
    expect(setup.intake.requests.some(posted)).toBe(false);
  });

  it('checks the note and the respond-by time before anything is sent', async () => {
    await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
    const tooLate = await create('--sections', 'legal', '--respond-by', '2099-01-01T00:00:00Z');
    expect(errorCode(tooLate.stderr)).toBe('CLI.USAGE');
    const longNote = await create(
      '--sections',
      'legal',
      '--note-file',
      await write(setup.owner, 'n.txt', 'x'.repeat(1001)),
    );
    expect(JSON.parse(longNote.stderr)).toMatchObject({ error: 'CLI.INPUT_INVALID' });
    const control = await create(
      '--sections',
      'legal',
      '--note-file',
      await write(setup.owner, 'c.txt', 'a\u001b[2Jb'),
    );
    expect(errorCode(control.stderr)).toBe('CLI.INPUT_INVALID');
    const twice = await create('--sections', 'legal,legal');
    expect(errorCode(twice.stderr)).toBe('CLI.USAGE');
    expect(setup.intake.requests.some(posted)).toBe(false);
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    expect(JSON.parse((await create('--sections', 'legal', '--respond-by', soon)).stdout)).toMatchObject({
      respondBy: soon,
      status: 'requested',
    });
  });
});
