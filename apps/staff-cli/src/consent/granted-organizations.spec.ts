import { type ConsentGrant, type ConsentRecord } from '@app/crypto';
import { grantedOrganizations, referralGrant } from './granted-organizations';

const NOW = new Date('2025-07-01T00:00:00.000Z');

function grant(granteeOrgId: string, overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    granteeOrgId,
    action: 'access',
    purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
    sections: ['identity', 'needs'],
    expressConsent: false,
    validFrom: '2025-06-01T00:00:00.000Z',
    validUntil: '2025-09-01T00:00:00.000Z',
    onwardSharing: false,
    ...overrides,
  };
}

function record(consentId: string, grants: ConsentGrant[], withheld: ConsentRecord['withheld'] = []): ConsentRecord {
  return {
    v: 1,
    alg: 'ed25519',
    type: 'consent-record',
    consentId,
    version: 1,
    caseId: 'case_0000000001',
    clientRef: 'cref_client1xxxxxxxxxxxxxxA',
    givenBy: 'self',
    collectedBy: { orgId: 'org-owner', staffSub: 'staff' },
    collectionMethod: 'app',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso', version: '1' },
    dateTime: '2025-06-01T00:00:00.000Z',
    grants,
    withheld,
  };
}

describe('grantedOrganizations', () => {
  it('lists organizations whose current grant covers the section, once each, sorted', () => {
    const consents = [
      { latest: record('c1', [grant('org-b'), grant('org-a'), grant('org-c', { sections: ['legal'] })]) },
      { latest: record('c2', [grant('org-a', { purposes: [{ purpose: 'case_coordination', basis: 'voluntary' }] })]) },
    ];
    expect(grantedOrganizations(consents, 'identity', NOW)).toEqual([
      { orgId: 'org-a', consentId: 'c1' },
      { orgId: 'org-b', consentId: 'c1' },
    ]);
  });

  it('leaves out grants not yet valid or expired (validUntil is exclusive)', () => {
    const consents = [
      {
        latest: record('c1', [
          grant('org-future', { validFrom: '2025-07-02T00:00:00.000Z' }),
          grant('org-ended', { validUntil: NOW.toISOString() }),
          grant('org-now', { validFrom: NOW.toISOString() }),
        ]),
      },
    ];
    expect(grantedOrganizations(consents, 'identity', NOW).map((g) => g.orgId)).toEqual(['org-now']);
  });

  it('honours withheld sections', () => {
    const consents = [
      {
        latest: record(
          'c1',
          [grant('org-a'), grant('org-b')],
          [{ section: 'identity', fromOrgId: 'org-a', reason: 'safety_risk' }],
        ),
      },
    ];
    expect(grantedOrganizations(consents, 'identity', NOW).map((g) => g.orgId)).toEqual(['org-b']);
    expect(grantedOrganizations(consents, 'needs', NOW).map((g) => g.orgId)).toEqual(['org-a', 'org-b']);
  });

  it('lets intake narrow the list (withdrawn) but never widen it', () => {
    const consents = [
      {
        latest: record('c1', [grant('org-a'), grant('org-b')]),
        states: [
          { consentId: 'c1', granteeOrgId: 'org-a', state: 'withdrawn' },
          { consentId: 'c1', granteeOrgId: 'org-b', state: 'active' },
          { consentId: 'c1', granteeOrgId: 'org-intruder', state: 'active' },
        ],
      },
    ];
    expect(grantedOrganizations(consents, 'identity', NOW).map((g) => g.orgId)).toEqual(['org-b']);
  });

  it('filters by purpose when asked', () => {
    const consents = [
      {
        latest: record('c1', [
          grant('org-shelter'),
          grant('org-lawyer', { purposes: [{ purpose: 'legal_representation', basis: 'necessary' }] }),
        ]),
      },
    ];
    expect(grantedOrganizations(consents, 'identity', NOW, ['legal_representation']).map((g) => g.orgId)).toEqual([
      'org-lawyer',
    ]);
  });
});

describe('staged disclosure: grants to disclose', () => {
  const lawyer = (consentId: string, action: ConsentGrant['action']): ConsentRecord =>
    record(consentId, [
      grant('org-lawyer', { action, purposes: [{ purpose: 'legal_representation', basis: 'necessary' }] }),
    ]);

  it('leaves out an organization whose grants covering the section are all disclose', () => {
    expect(grantedOrganizations([{ latest: lawyer('c1', 'disclose') }], 'identity', NOW)).toEqual([]);
  });

  it('keeps it when another grant covering the section is access, under that grant', () => {
    const consents = [{ latest: lawyer('c1', 'disclose') }, { latest: lawyer('c2', 'access') }];
    expect(grantedOrganizations(consents, 'identity', NOW)).toEqual([{ orgId: 'org-lawyer', consentId: 'c2' }]);
  });

  it('finds the grant a referral is made under: disclose first, access otherwise, none for another purpose', () => {
    const both = [{ latest: lawyer('c2', 'access') }, { latest: lawyer('c1', 'disclose') }];
    expect(referralGrant(both, 'org-lawyer', 'identity', 'legal_representation', NOW)).toEqual({
      orgId: 'org-lawyer',
      consentId: 'c1',
      action: 'disclose',
    });
    const access = [{ latest: lawyer('c2', 'access') }];
    expect(referralGrant(access, 'org-lawyer', 'identity', 'legal_representation', NOW)?.consentId).toBe('c2');
    expect(referralGrant(both, 'org-lawyer', 'identity', 'shelter_placement', NOW)).toBeUndefined();
    expect(referralGrant(both, 'org-lawyer', 'legal', 'legal_representation', NOW)).toBeUndefined();
    expect(referralGrant(both, 'org-other', 'identity', 'legal_representation', NOW)).toBeUndefined();
  });
});
