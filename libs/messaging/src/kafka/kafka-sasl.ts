import { type SASLOptions } from 'kafkajs';
import { ConfigurationError, type KafkaSaslEnv } from '@app/config';

/**
 * The SASL credentials in KAFKA_SASL_*, or undefined when no username is set
 * (an anonymous client, for a broker without authentication). A username
 * without a password, or the reverse, is a mistake to stop on rather than to
 * connect anonymously with.
 */
export function kafkaSaslOf(env: KafkaSaslEnv): SASLOptions | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined) throw new ConfigurationError(['KAFKA_SASL_USERNAME: required with KAFKA_SASL_PASSWORD']);
  if (password === undefined) throw new ConfigurationError(['KAFKA_SASL_PASSWORD: required with KAFKA_SASL_USERNAME']);
  return { mechanism, username, password };
}
