import { type Grant } from '../src/cases/domain/protected-content';

/** The clock the grant factory's dates are set around. */
export const NOW = new Date('2026-11-23T12:00:00Z');

/** An active grant of legal and identity to org_b for legal representation, valid through November 2026. */
export function grantOf(overrides: Partial<Grant> = {}): Grant {
  return {
    consentId: 'consent_1',
    consentVersion: 1,
    granteeOrgId: 'org_b',
    sections: ['legal', 'identity'],
    purposes: ['legal_representation'],
    validFrom: new Date('2026-11-01T00:00:00Z'),
    validUntil: new Date('2026-12-01T00:00:00Z'),
    onwardSharing: false,
    ...overrides,
  };
}
