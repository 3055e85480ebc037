import { principalOf } from './principal';
import { principalFromClaims } from './principal-from-claims';

const valid = { sub: 'auth0|staff-1', org: 'org-7', roles: ['legal_staff', 'org_admin'], exp: 1_900_000_000 };

describe('principalFromClaims', () => {
  it('maps sub, org and roles to a principal', () => {
    const checked = principalFromClaims(valid);
    expect(checked).toEqual({
      ok: true,
      principal: { sub: 'auth0|staff-1', orgId: 'org-7', roles: ['legal_staff', 'org_admin'] },
    });
  });

  it('produces a frozen principal that principalOf recognises on a request', () => {
    const checked = principalFromClaims(valid);
    if (!checked.ok) throw new Error('expected a principal');
    expect(Object.isFrozen(checked.principal)).toBe(true);
    expect(Object.isFrozen(checked.principal.roles)).toBe(true);
    expect(principalOf({ user: checked.principal })).toBe(checked.principal);
  });

  it('does not trust a look-alike object that the strategy did not issue', () => {
    expect(principalOf({ user: { sub: 'x', orgId: 'someone-elses-org', roles: ['org_admin'] } })).toBeUndefined();
    expect(principalOf(undefined)).toBeUndefined();
  });

  it('accepts an empty role list and collapses duplicates', () => {
    expect(principalFromClaims({ ...valid, roles: [] })).toMatchObject({ ok: true, principal: { roles: [] } });
    expect(principalFromClaims({ ...valid, roles: ['legal_staff', 'legal_staff'] })).toMatchObject({
      ok: true,
      principal: { roles: ['legal_staff'] },
    });
  });

  it('ignores organization-like claims other than org', () => {
    const checked = principalFromClaims({ ...valid, orgId: 'org-9', organization: 'org-9' });
    expect(checked).toMatchObject({ ok: true, principal: { orgId: 'org-7' } });
  });

  it.each([
    ['a non-object payload', 'token', 'not_an_object'],
    ['an array payload', [valid], 'not_an_object'],
    ['no exp', { ...valid, exp: undefined }, 'missing_exp'],
    ['a string exp', { ...valid, exp: '1900000000' }, 'missing_exp'],
    ['no sub', { ...valid, sub: undefined }, 'invalid_sub'],
    ['an empty sub', { ...valid, sub: '' }, 'invalid_sub'],
    ['no org', { ...valid, org: undefined }, 'invalid_org'],
    ['a numeric org', { ...valid, org: 7 }, 'invalid_org'],
    ['an org with whitespace', { ...valid, org: 'org 7' }, 'invalid_org'],
    ['an org with an operator-looking value', { ...valid, org: { $ne: null } }, 'invalid_org'],
    ['an overlong org', { ...valid, org: 'o'.repeat(129) }, 'invalid_org'],
    ['no roles', { ...valid, roles: undefined }, 'invalid_roles'],
    ['roles as a string', { ...valid, roles: 'org_admin' }, 'invalid_roles'],
    ['roles as a comma list', { ...valid, roles: 'legal_staff,org_admin' }, 'invalid_roles'],
    ['an unknown role', { ...valid, roles: ['legal_staff', 'superuser'] }, 'invalid_roles'],
    ['a non-string role', { ...valid, roles: [1] }, 'invalid_roles'],
    [
      'a role list longer than any real one',
      { ...valid, roles: Array<string>(17).fill('legal_staff') },
      'invalid_roles',
    ],
  ])('rejects %s', (_label, claims, reason) => {
    expect(principalFromClaims(claims)).toEqual({ ok: false, reason });
  });
});
