import { type KeyEnvelope, type SectionRecord } from '@app/crypto';
import { type Principal } from '@app/auth';
import { type ProtectedCase, type ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { type AccessLog } from '../../access-log/application/access-log.service';
import { ReadSection } from './read-section.use-case';

const CASE_ID = 'case_0000000000000001';
const B: Principal = { sub: 'staff_b', orgId: 'org_b', roles: ['intake_worker'] };

function caseWithHealth(recipients: string[], keyVersion = 1): ProtectedCase {
  return {
    _id: CASE_ID,
    ownerOrgId: 'org_a',
    version: 3,
    grantsRevision: 2,
    grants: [],
    consents: [],
    sections: {
      health: {
        record: { section: 'health' } as unknown as SectionRecord,
        contentVersion: 1,
        keyVersion,
        envelopes: recipients.map((recipientOrgId) => ({ recipientOrgId }) as unknown as KeyEnvelope),
        retiredKeyVersions: [],
        rotationRequired: false,
        updatedAt: new Date(),
      },
    },
  };
}

/**
 * The repository answers the first read with `before` and every later one
 * with `after`: what a withdrawal committing while the hand-out is logged
 * leaves behind.
 */
function readSection(before: ProtectedCase, after: ProtectedCase | undefined) {
  let reads = 0;
  const cases = {
    load: jest.fn(() => Promise.resolve(reads++ === 0 ? before : after)),
  } as unknown as ProtectedCaseRepository;
  const accessLog = { append: jest.fn(() => Promise.resolve()) } as unknown as AccessLog;
  return { useCase: new ReadSection(cases, accessLog), accessLog };
}

describe('ReadSection racing a withdrawal', () => {
  it('hands out the section when the grant still holds after the hand-out is logged', async () => {
    const { useCase, accessLog } = readSection(caseWithHealth(['org_a', 'org_b']), caseWithHealth(['org_a', 'org_b']));
    const handedOut = await useCase.one(B, CASE_ID, 'health', 'health_referral');
    expect(handedOut.envelope).toEqual({ recipientOrgId: 'org_b' });
    expect(accessLog.append).toHaveBeenCalledTimes(1);
  });

  it('hands out nothing when the withdrawal committed in between (the case is out of scope now)', async () => {
    const { useCase } = readSection(caseWithHealth(['org_a', 'org_b']), undefined);
    await expect(useCase.one(B, CASE_ID, 'health', 'health_referral')).rejects.toMatchObject({
      code: 'SECTION.NOT_FOUND',
    });
  });

  it('hands out nothing when the envelope is gone or the key version moved on', async () => {
    for (const after of [caseWithHealth(['org_a']), caseWithHealth(['org_a', 'org_b'], 2)]) {
      const { useCase } = readSection(caseWithHealth(['org_a', 'org_b']), after);
      await expect(useCase.one(B, CASE_ID, 'health', 'health_referral')).rejects.toMatchObject({
        code: 'SECTION.NOT_FOUND',
      });
    }
  });
});

describe('ReadSection binding a read to what the reader’s roles allow', () => {
  const shelterStaff: Principal = { sub: 'staff_b', orgId: 'org_b', roles: ['shelter_staff'] };

  it.each([
    ['a shelter’s staff member claiming a health referral', shelterStaff, 'health_referral'],
    [
      'a partner attorney claiming shelter placement',
      { ...shelterStaff, roles: ['partner_attorney'] },
      'shelter_placement',
    ],
    [
      'an administrator claiming legal representation',
      { ...shelterStaff, roles: ['org_admin'] },
      'legal_representation',
    ],
  ] as const)('refuses %s with 403 before looking at the case', async (_name, principal, purpose) => {
    const { useCase, accessLog } = readSection(caseWithHealth(['org_a', 'org_b']), caseWithHealth(['org_a', 'org_b']));
    await expect(useCase.one(principal, CASE_ID, 'health', purpose)).rejects.toMatchObject({
      code: 'READ.PURPOSE_NOT_ALLOWED',
    });
    await expect(useCase.list(principal, CASE_ID, purpose)).rejects.toMatchObject({ code: 'READ.PURPOSE_NOT_ALLOWED' });
    expect(accessLog.append).not.toHaveBeenCalled();
  });

  it('lets the same reader read for a purpose one of its roles allows', async () => {
    const { useCase } = readSection(caseWithHealth(['org_a', 'org_b']), caseWithHealth(['org_a', 'org_b']));
    const handedOut = await useCase.one(
      { ...shelterStaff, roles: ['shelter_staff', 'intake_worker'] },
      CASE_ID,
      'health',
      'health_referral',
    );
    expect(handedOut.envelope).toEqual({ recipientOrgId: 'org_b' });
  });
});

describe('ReadSection naming the reader in the access log', () => {
  it.each([
    [
      'the first role in ROLES order that allows the purpose',
      ['org_admin', 'legal_staff'],
      'case_coordination',
      'legal_staff',
    ],
    [
      'whatever order the token lists them in',
      ['partner_attorney', 'legal_staff'],
      'legal_representation',
      'legal_staff',
    ],
    [
      'not a role that does not allow the purpose',
      ['shelter_staff', 'intake_worker'],
      'health_referral',
      'intake_worker',
    ],
  ] as const)('logs %s', async (_name, roles, purpose, actorRole) => {
    const { useCase, accessLog } = readSection(caseWithHealth(['org_a', 'org_b']), caseWithHealth(['org_a', 'org_b']));
    await useCase.one({ ...B, roles }, CASE_ID, 'health', purpose);
    expect(accessLog.append).toHaveBeenCalledWith({
      caseId: CASE_ID,
      actorSub: 'staff_b',
      actorOrg: 'org_b',
      actorRole,
      purpose,
      section: 'health',
      keyVersion: 1,
    });
  });
});
