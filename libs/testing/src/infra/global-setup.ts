import { testInfra, usesExternalInfra } from './test-infra';

/**
 * Starts the real Kafka broker and MongoDB server once per run, unless
 * KAFKA_BROKERS and MONGODB_URI name existing ones. Leaves a marker so the
 * teardown stops only what this run started.
 */
export default function globalSetup(): void {
  if (usesExternalInfra()) return;
  const before = testInfra('status');
  testInfra('up');
  const marker = globalThis as { __infraStartedByTests?: boolean };
  marker.__infraStartedByTests = marker.__infraStartedByTests || !before.includes('kafka running');
}
