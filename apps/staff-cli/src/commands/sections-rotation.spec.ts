import { type FakeIntake } from '../../test/fake-intake';
import {
  CLINIC_GRANT,
  errorCode,
  grantAs,
  IDENTITY,
  openSharedCase,
  SHELTER_GRANT,
  write,
  putSection,
  IDENTITY_V2,
  NEEDS,
} from '../../test/shared-case';
import { type StaffSession } from '../../test/staff-session';

describe('sections: rotation after withdrawal, and new consent versions', () => {
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

  // The new key version is sealed only to organizations still granted.
  it('after a withdrawal, the next write rotates to a new key version', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
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
      await write(owner, 'identity2.json', IDENTITY_V2),
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
    ).toBe(IDENTITY_V2);
  });

  it('rotates when intake answers SECTION.KEY_VERSION_RETIRED to an update it did not announce', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
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
      await write(owner, 'identity2.json', IDENTITY_V2),
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
      await write(owner, 'needs.json', NEEDS),
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
});
