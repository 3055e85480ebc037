import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import { kafkaBrokers, TEST_INFRA_ENV } from './test-infra';

/** The broker's principals (deploy/local/infra.sh): one per service, and admin for tests and operators. */
/** SCRAM credentials, the only kind the test broker takes. */
export type ScramCredentials = Extract<SASLOptions, { mechanism: 'scram-sha-512' | 'scram-sha-256' }>;

export type KafkaPrincipal = 'admin' | 'intake' | 'legal-status' | 'shelter-capacity' | 'notifications';

/**
 * The SASL credentials a test client or a service under test authenticates
 * with. A broker named by KAFKA_BROKERS is someone else's: its principal
 * comes from KAFKA_SASL_USERNAME / _PASSWORD (used for every role; that
 * broker has its own ACLs), and without them the client uses no SASL (a
 * PLAINTEXT broker). The test broker (KAFKA_BROKERS unset): the password
 * deploy/local/infra.sh generated for the principal.
 */
export function kafkaSasl(principal: KafkaPrincipal = 'admin'): ScramCredentials | undefined {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = process.env;
  if (username && password) {
    const mechanism = process.env.KAFKA_SASL_MECHANISM === 'scram-sha-256' ? 'scram-sha-256' : 'scram-sha-512';
    return { mechanism, username, password };
  }
  if (process.env.KAFKA_BROKERS) return undefined;
  const stored = readPassword(principal);
  return stored === undefined ? undefined : { mechanism: 'scram-sha-512', username: principal, password: stored };
}

function readPassword(principal: KafkaPrincipal): string | undefined {
  try {
    return readFileSync(resolve(TEST_INFRA_ENV.STACK_DIR, 'kafka/credentials', principal), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** A kafkajs client config for a test: the test broker, as `principal` (admin unless said otherwise). */
export function testKafkaConfig(clientId: string, principal: KafkaPrincipal = 'admin'): KafkaConfig {
  const sasl = kafkaSasl(principal);
  return { clientId, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) };
}

const SERVICE_PRINCIPALS: readonly string[] = ['intake', 'legal-status', 'shelter-capacity', 'notifications'];

/**
 * The KAFKA_SASL_* variables a service under test authenticates with, as its
 * own principal; none for a process that is not a service, or when the
 * broker needs none. ServiceProcess adds them, so a test names only the broker.
 */
export function serviceKafkaSaslEnv(service: string): Record<string, string> {
  if (!SERVICE_PRINCIPALS.includes(service)) return {};
  const sasl = kafkaSasl(service as KafkaPrincipal);
  return sasl
    ? { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password }
    : {};
}
