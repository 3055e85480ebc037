import { type AuthOptions } from './auth-options';
import { checkAuthOptions } from './check-auth-options';
import { isDevelopmentIssuer } from './development-issuer';
import { DEFAULT_JWKS_POLICY } from './jwks/jwks-policy';
import { type TrustedIssuer } from './trusted-issuer';

const mexico: TrustedIssuer = {
  issuer: 'https://idp.casa.example.mx',
  jwksUri: 'https://idp.casa.example.mx/.well-known/jwks.json',
  organizations: ['org_casa'],
};
const unitedStates: TrustedIssuer = {
  issuer: 'https://login.probono.example.org/tenant-7/',
  jwksUri: 'https://login.probono.example.org/tenant-7/keys',
  organizations: ['org_probono', 'org_clinic'],
};
const devIssuer: TrustedIssuer = {
  issuer: 'http://127.0.0.1:19080/dev-issuer',
  jwksUri: 'http://127.0.0.1:19080/dev-issuer/.well-known/jwks.json',
  organizations: '*',
};

function options(overrides: Partial<AuthOptions> = {}): AuthOptions {
  return { issuers: [mexico, unitedStates], audience: 'refugio-api', environment: 'production', ...overrides };
}

function problemsOf(candidate: AuthOptions): string {
  try {
    checkAuthOptions(candidate);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('checkAuthOptions', () => {
  it('accepts several https issuers with their organizations in production, filling in the key-set policy', () => {
    const checked = checkAuthOptions(options({ jwks: { refetchIntervalMs: 2_000, maxAgeMs: undefined } }));
    expect(checked.issuers).toEqual([mexico, unitedStates]);
    expect(checked.jwks).toEqual({ ...DEFAULT_JWKS_POLICY, refetchIntervalMs: 2_000 });
    expect(Object.isFrozen(checked.issuers[0]?.organizations)).toBe(true);
  });

  it.each(['development', 'test'] as const)(
    'lets %s trust the development issuer for any organization',
    (environment) => {
      expect(problemsOf(options({ environment, issuers: [devIssuer, mexico] }))).toBe('');
    },
  );

  describe('in production, refuses', () => {
    it.each([
      [
        'a JWKS fetched over http:',
        { ...mexico, jwksUri: 'http://idp.casa.example.mx/jwks.json' },
        /issuers\[0\]: jwksUri must be an https: URL/,
      ],
      [
        'an http: issuer identifier',
        { ...mexico, issuer: 'http://idp.casa.example.mx' },
        /issuers\[0\]: issuer must be an https: identifier/,
      ],
      [
        'the development issuer, even reached over https',
        { ...mexico, issuer: 'https://dev.example.org/Dev-Issuer', jwksUri: 'https://dev.example.org/Dev-Issuer/jwks' },
        /issuers\[0\]: is the development issuer/,
      ],
      [
        "the development issuer's key set under another identifier",
        { ...mexico, jwksUri: 'https://dev.example.org/dev-issuer/.well-known/jwks.json' },
        /issuers\[0\]: is the development issuer/,
      ],
      [
        'an issuer trusted for any organization',
        { ...mexico, organizations: '*' as const },
        /issuers\[0\]: organizations "\*" is for development only/,
      ],
    ])('%s', (_label, issuer, problem) => {
      const message = problemsOf(options({ issuers: [issuer, unitedStates] }));
      expect(message).toMatch(/^AuthModule misconfigured \(environment production\): /);
      expect(message).toMatch(problem);
      expect(message).not.toContain('issuers[1]');
    });

    it('the development issuer as the local stack configures it, naming every problem at once', () => {
      const message = problemsOf(options({ issuers: [mexico, devIssuer] }));
      expect(message).toContain('issuers[1]: jwksUri must be an https: URL');
      expect(message).toContain('issuers[1]: issuer must be an https: identifier');
      expect(message).toContain('issuers[1]: is the development issuer');
      expect(message).toContain('issuers[1]: organizations "*" is for development only');
    });
  });

  it.each([
    ['no issuers', { issuers: [] }, 'no issuers are configured'],
    ['an empty audience', { audience: ' ' }, 'audience is empty'],
    [
      'an unknown environment',
      { environment: 'staging' as never },
      'environment is not one of production, development, test',
    ],
    [
      'an issuer listed twice',
      { issuers: [mexico, { ...mexico, organizations: ['org_other'] }] },
      'issuers[1]: the same issuer is listed twice',
    ],
    [
      'an issuer that is not a URL',
      { issuers: [{ ...mexico, issuer: 'casa' }] },
      'issuers[0]: issuer is not an http(s) URL',
    ],
    [
      'a JWKS URL that is not http(s)',
      { issuers: [{ ...mexico, jwksUri: 'file:///etc/keys' }] },
      'issuers[0]: jwksUri is not an http(s) URL',
    ],
    [
      'an empty organization list',
      { issuers: [{ ...mexico, organizations: [] }] },
      'issuers[0]: organizations is neither',
    ],
    [
      'an organization id a token could not carry',
      { issuers: [{ ...mexico, organizations: ['org casa'] }] },
      'issuers[0]: organizations holds a value',
    ],
    [
      'a refetch interval longer than the max age',
      { jwks: { refetchIntervalMs: 60_000, maxAgeMs: 30_000 } },
      'jwks.refetchIntervalMs is longer',
    ],
    [
      'a timeout that is not a whole number',
      { jwks: { timeoutMs: 1.5 } },
      'jwks.timeoutMs is not a positive whole number',
    ],
  ])('refuses %s', (_label, overrides, problem) => {
    expect(problemsOf(options(overrides as Partial<AuthOptions>))).toContain(problem);
  });

  it('names issuers by position and never repeats configured values', () => {
    const message = problemsOf(options({ issuers: [{ ...mexico, organizations: ['secret org'] }] }));
    expect(message).toContain('issuers[0]');
    expect(message).not.toContain('secret org');
    expect(message).not.toContain(mexico.issuer);
  });
});

describe('isDevelopmentIssuer', () => {
  it.each([
    ['http://127.0.0.1:19080/dev-issuer', true],
    ['http://dev-issuer:19080/dev-issuer/', true],
    ['https://idp.example.org/DEV-ISSUER/.well-known/jwks.json', true],
    ['https://dev-issuer.example.org', false],
    ['https://idp.example.org/my-dev-issuer', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isDevelopmentIssuer(url)).toBe(expected);
  });
});
