import { activeCoverage, activeGrantFor, isActive, lostCoverage } from './grants';
import { NOW, grantOf } from '../../../test/grant-factory';

const grant = grantOf;
const now = NOW;

describe('grants', () => {
  it('counts a grant only between its dates and until it is withdrawn or expired', () => {
    expect(isActive(grant(), now)).toBe(true);
    expect(isActive(grant({ validFrom: new Date('2026-11-24T00:00:00Z') }), now)).toBe(false);
    // validUntil is exclusive: at that instant the grant is over, with no one acting.
    expect(isActive(grant({ validUntil: now }), now)).toBe(false);
    expect(isActive(grant({ withdrawnAt: new Date('2026-11-20T00:00:00Z') }), now)).toBe(false);
    expect(isActive(grant({ expiredAt: now }), now)).toBe(false);
  });

  it('matches the organization, the section and the declared purpose', () => {
    const grants = [grant()];
    expect(activeGrantFor(grants, 'org_b', 'legal', 'legal_representation', now)).toBeDefined();
    expect(activeGrantFor(grants, 'org_b', 'health', 'legal_representation', now)).toBeUndefined();
    expect(activeGrantFor(grants, 'org_b', 'legal', 'health_referral', now)).toBeUndefined();
    expect(activeGrantFor(grants, 'org_c', 'legal', 'legal_representation', now)).toBeUndefined();
    expect(activeGrantFor(grants, 'org_b', 'legal', undefined, now)).toBeDefined();
  });

  it('keeps a section covered while any other active grant still covers it', () => {
    const first = grant();
    const second = grant({ consentId: 'consent_2', sections: ['legal'] });
    const before = activeCoverage([first, second], now);
    const after = activeCoverage([{ ...first, withdrawnAt: now }, second], now);
    expect(lostCoverage(before, after)).toEqual(new Map([['org_b', ['identity']]]));
  });
});
