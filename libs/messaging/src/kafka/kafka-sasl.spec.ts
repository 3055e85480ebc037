import { kafkaSaslEnv, loadConfig } from '@app/config';
import { kafkaSaslOf } from './kafka-sasl';

const saslOf = (env: Record<string, string>) => kafkaSaslOf(loadConfig(kafkaSaslEnv, env));

describe('kafkaSaslOf', () => {
  it('connects anonymously when no credentials are configured', () => {
    expect(saslOf({})).toBeUndefined();
  });

  it('authenticates with SCRAM-SHA-512 unless told otherwise', () => {
    expect(saslOf({ KAFKA_SASL_USERNAME: 'intake', KAFKA_SASL_PASSWORD: 'secret-1' })).toEqual({
      mechanism: 'scram-sha-512',
      username: 'intake',
      password: 'secret-1',
    });
    expect(
      saslOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'intake', KAFKA_SASL_PASSWORD: 'x' }),
    ).toMatchObject({ mechanism: 'scram-sha-256' });
  });

  it('refuses half a credential rather than connecting anonymously, without echoing the password', () => {
    expect(() => saslOf({ KAFKA_SASL_USERNAME: 'intake' })).toThrow(/KAFKA_SASL_PASSWORD/);
    let message = '';
    try {
      saslOf({ KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/KAFKA_SASL_USERNAME/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a mechanism the broker does not offer', () => {
    expect(() =>
      saslOf({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'a', KAFKA_SASL_PASSWORD: 'b' }),
    ).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
