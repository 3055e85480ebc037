import { ROLES, ROLE_PURPOSES, PURPOSES } from '@app/contracts';
import { readingRole } from './reading-role';

describe('readingRole', () => {
  it('names the first of the reader’s roles, in ROLES order, that allows the purpose', () => {
    expect(readingRole(['org_admin', 'intake_worker', 'legal_staff'], 'case_coordination')).toBe('intake_worker');
    expect(readingRole(['partner_attorney', 'legal_staff'], 'legal_representation')).toBe('legal_staff');
    expect(readingRole(['shelter_staff', 'partner_attorney'], 'legal_representation')).toBe('partner_attorney');
  });

  it('names none when no role allows the purpose', () => {
    expect(readingRole(['shelter_staff'], 'health_referral')).toBeUndefined();
    expect(readingRole([], 'case_coordination')).toBeUndefined();
  });

  it('always names a role that allows the purpose, whatever the order of the token’s roles', () => {
    for (const purpose of PURPOSES) {
      const roles = [...ROLES].reverse();
      const role = readingRole(roles, purpose);
      if (role !== undefined) expect(ROLE_PURPOSES[role]).toContain(purpose);
      expect(readingRole([...ROLES], purpose)).toBe(role);
    }
  });
});
