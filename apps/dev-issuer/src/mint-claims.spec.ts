import { type Role } from '@app/auth';
import { MAX_TTL_SECONDS, principalClaims } from './mint-claims';

const request = { sub: 'staff-1', org: 'org-a', roles: ['intake_worker'] as Role[] };

describe('principalClaims', () => {
  it('shapes a token like an identity provider would', () => {
    const claims = principalClaims({ ...request, ttlSeconds: 60 }, 'http://issuer', 'refugio-api', 1000);
    expect(claims).toEqual({
      iss: 'http://issuer',
      aud: 'refugio-api',
      sub: 'staff-1',
      org: 'org-a',
      roles: ['intake_worker'],
      iat: 1000,
      nbf: 1000,
      exp: 1060,
      jti: expect.any(String) as unknown,
    });
  });

  it('defaults to an hour', () => {
    expect(principalClaims(request, 'i', 'a', 0).exp).toBe(3600);
  });

  it.each([0, -5, 1.5, Number.NaN, MAX_TTL_SECONDS + 1])('refuses a ttl of %p', (ttlSeconds) => {
    expect(() => principalClaims({ ...request, ttlSeconds }, 'i', 'a', 0)).toThrow(/ttl/);
  });

  it('refuses role names the services would reject', () => {
    expect(() => principalClaims({ ...request, roles: ['admin' as Role] }, 'i', 'a', 0)).toThrow(
      /unknown role\(s\): admin/,
    );
  });

  it('refuses an empty sub or org', () => {
    expect(() => principalClaims({ ...request, sub: '' }, 'i', 'a', 0)).toThrow(/sub/);
    expect(() => principalClaims({ ...request, org: '' }, 'i', 'a', 0)).toThrow(/org/);
  });
});
