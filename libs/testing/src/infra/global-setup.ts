import { Kafka } from 'kafkajs';
import { testKafkaConfig } from './kafka-credentials';
import { resolveAppAliases } from './resolve-app-aliases';
import { testInfra, usesExternalInfra } from './test-infra';

/**
 * Starts the real Kafka broker and MongoDB server once per run, unless
 * KAFKA_BROKERS and MONGODB_URI name existing ones, and gives the services'
 * principals their ACLs on it. Leaves a marker so the teardown stops only
 * what this run started.
 */
export default async function globalSetup(): Promise<void> {
  if (usesExternalInfra()) return;
  const before = testInfra('status');
  testInfra('up');
  const marker = globalThis as { __infraStartedByTests?: boolean };
  marker.__infraStartedByTests = marker.__infraStartedByTests || !before.includes('kafka running');
  if (!process.env.KAFKA_BROKERS) await applyTestBrokerAcls();
}

async function applyTestBrokerAcls(): Promise<void> {
  resolveAppAliases();
  // Loaded only now: it needs the aliases above.
  const { applyServiceAcls } = await import('@app/messaging');
  await withAdmin(applyServiceAcls);
}

async function withAdmin(work: (admin: ReturnType<Kafka['admin']>) => Promise<unknown>): Promise<void> {
  const admin = new Kafka(testKafkaConfig('test-global-setup')).admin();
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.disconnect();
  }
}
