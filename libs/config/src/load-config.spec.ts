import { z } from 'zod';
import { ConfigurationError, loadConfig } from './load-config';
import { serviceEnv } from './common-env';

const valid = {
  HTTP_PORT: '3001',
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094',
  MONGODB_URI: 'mongodb://127.0.0.1:27117/intake',
  AUTH_ISSUER: 'http://127.0.0.1:19080',
  AUTH_AUDIENCE: 'refugio-api',
  AUTH_JWKS_URI: 'http://127.0.0.1:19080/.well-known/jwks.json',
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
    const { AUTH_JWKS_URI: _omitted, ...rest } = valid;
    expect(() => loadConfig(serviceEnv, rest)).toThrow(/AUTH_JWKS_URI/);
    expect(() => loadConfig({ X: z.string() }, {})).toThrow(ConfigurationError);
  });
});
