import { type FakeIntake } from '../../test/fake-intake';
import {
  CLINIC_GRANT,
  errorCode,
  grantAs,
  HEALTH,
  IDENTITY,
  openSharedCase,
  SHELTER_GRANT,
  write,
  putSection,
  HEALTH_V2,
} from '../../test/shared-case';
import { type StaffSession } from '../../test/staff-session';

describe('sections: first writes, sharing with grantees, updates', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let clinic: StaffSession;
  let caseId: string;
  const grant = (grants: object[], ...extra: string[]): Promise<Record<string, unknown>> =>
    grantAs(owner, caseId, grants, ...extra);

  beforeEach(async () => {
    ({ intake, owner, shelter, clinic, caseId } = await openSharedCase());
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

  // The grantee verifies the author's signature before it reads.
  it('grants, shares existing sections with the grantee, and the grantee reads them', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
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
      await write(owner, 'health2.json', HEALTH_V2),
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
    ).toBe(HEALTH_V2);
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
});
