import { z } from 'zod';
import { ConfigurationError, loadConfig } from './load-config';
import { serviceEnv } from './common-env';

const valid = {
  HTTP_PORT: '3001',
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094',
  MONGODB_URI: 'mongodb://127.0.0.1:27117/intake',
  AUTH_ISSUERS: JSON.stringify([
    {
      issuer: 'https://idp.casa.example.mx',
      jwksUri: 'https://idp.casa.example.mx/.well-known/jwks.json',
      organizations: ['org_casa'],
    },
    {
      issuer: 'http://127.0.0.1:19080/dev-issuer',
      jwksUri: 'http://127.0.0.1:19080/dev-issuer/.well-known/jwks.json',
      organizations: '*',
    },
  ]),
  AUTH_AUDIENCE: 'refugio-api',
};

describe('loadConfig', () => {
  it('parses brokers into a list and applies defaults', () => {
    const config = loadConfig(serviceEnv, valid);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092', '127.0.0.1:19094']);
    expect(config.HTTP_PORT).toBe(3001);
    expect(config.CONSUMER_MAX_ATTEMPTS).toBe(5);
  });

  it('fails fast naming the variable but never echoing its value', () => {
    const secret = 'mysql://user:hunter2@db';
    try {
      loadConfig(serviceEnv, { ...valid, MONGODB_URI: secret });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('MONGODB_URI');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('requires values that have no default', () => {
    const { AUTH_ISSUERS: _omitted, ...rest } = valid;
    expect(() => loadConfig(serviceEnv, rest)).toThrow(/AUTH_ISSUERS/);
    expect(() => loadConfig({ X: z.string() }, {})).toThrow(ConfigurationError);
  });

  it('reads the trusted issuers from AUTH_ISSUERS, each with its organizations', () => {
    expect(loadConfig(serviceEnv, valid).AUTH_ISSUERS).toEqual([
      expect.objectContaining({ issuer: 'https://idp.casa.example.mx', organizations: ['org_casa'] }),
      expect.objectContaining({ issuer: 'http://127.0.0.1:19080/dev-issuer', organizations: '*' }),
    ]);
  });

  it.each([
    ['not JSON', 'https://idp.example.org', /AUTH_ISSUERS: expected a JSON array of issuers/],
    ['an empty list', '[]', /AUTH_ISSUERS: /],
    [
      'an issuer without organizations',
      '[{"issuer":"https://a.example","jwksUri":"https://a.example/k"}]',
      /AUTH_ISSUERS\.0\.organizations/,
    ],
    [
      'an unknown field',
      '[{"issuer":"https://a.example","jwksUri":"https://a.example/k","organizations":"*","orgs":[]}]',
      /AUTH_ISSUERS\.0/,
    ],
    [
      'a JWKS URL that is not http(s)',
      '[{"issuer":"https://a.example","jwksUri":"ftp://a.example/k","organizations":"*"}]',
      /AUTH_ISSUERS\.0\.jwksUri/,
    ],
    [
      'organizations "any"',
      '[{"issuer":"https://a.example","jwksUri":"https://a.example/k","organizations":"any"}]',
      /AUTH_ISSUERS\.0\.organizations/,
    ],
  ])('refuses AUTH_ISSUERS that is %s', (_label, value, problem) => {
    expect(() => loadConfig(serviceEnv, { ...valid, AUTH_ISSUERS: value })).toThrow(problem);
  });

  it('refuses the single-issuer variables AUTH_ISSUERS replaced, rather than ignore them', () => {
    expect(() => loadConfig(serviceEnv, { ...valid, AUTH_ISSUER: 'https://idp.example.org' })).toThrow(
      /AUTH_ISSUER: no longer read; configure AUTH_ISSUERS/,
    );
    expect(() => loadConfig(serviceEnv, { ...valid, AUTH_JWKS_URI: 'https://idp.example.org/k' })).toThrow(
      /AUTH_JWKS_URI/,
    );
  });

  it('treats an unset NODE_ENV as production, and refuses one it does not know', () => {
    expect(loadConfig(serviceEnv, valid).NODE_ENV).toBe('production');
    expect(loadConfig(serviceEnv, { ...valid, NODE_ENV: 'development' }).NODE_ENV).toBe('development');
    expect(() => loadConfig(serviceEnv, { ...valid, NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
  });

  it('leaves the JWKS intervals to libs/auth unless set, and bounds them', () => {
    expect(loadConfig(serviceEnv, valid).AUTH_JWKS_REFETCH_INTERVAL_MS).toBeUndefined();
    expect(loadConfig(serviceEnv, { ...valid, AUTH_JWKS_MAX_AGE_MS: '120000' }).AUTH_JWKS_MAX_AGE_MS).toBe(120_000);
    expect(() => loadConfig(serviceEnv, { ...valid, AUTH_JWKS_REFETCH_INTERVAL_MS: '10' })).toThrow(
      /AUTH_JWKS_REFETCH_INTERVAL_MS/,
    );
  });
});
