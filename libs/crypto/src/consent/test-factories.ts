// Test data for the consent specs, built through the SDK's own functions.
// No jest globals: the production build compiles this file too.
import { type ConsentGrant, type ConsentRecord } from './consent-types';
import { newConsentId } from './consent-id';

const DAY_MS = 24 * 60 * 60 * 1000;

export function newConsentGrant(overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  const from = Date.parse('2025-06-01T12:00:00.000Z');
  return {
    granteeOrgId: 'org-shelter',
    action: 'access',
    purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
    sections: ['identity', 'needs'],
    expressConsent: false,
    validFrom: new Date(from).toISOString(),
    validUntil: new Date(from + 90 * DAY_MS).toISOString(),
    onwardSharing: false,
    ...overrides,
  };
}

/** A record with two grants (one for a sensitive section) and one withheld section. */
export function newConsentRecord(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    v: 1,
    alg: 'ed25519',
    type: 'consent-record',
    consentId: newConsentId(),
    version: 1,
    caseId: 'case_3q2-7wE1bGs0l8tQe_xYzA',
    clientRef: 'cref_client8fJ2kLxxxxxxxxxA',
    givenBy: 'self',
    collectedBy: { orgId: 'org-owner', staffSub: 'auth0|staff-17' },
    collectionMethod: 'written',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-integral', version: '2025.1' },
    dateTime: '2025-06-01T11:58:03.120Z',
    grants: [
      newConsentGrant({
        granteeOrgId: 'org-clinic',
        purposes: [
          { purpose: 'health_referral', basis: 'necessary' },
          { purpose: 'case_coordination', basis: 'voluntary' },
        ],
        sections: ['identity', 'health'],
        expressConsent: true,
      }),
      newConsentGrant(),
    ],
    withheld: [{ section: 'contact', fromOrgId: 'org-shelter', reason: 'safety_risk' }],
    ...overrides,
  };
}
