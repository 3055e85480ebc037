import { testInfra, usesExternalInfra } from './test-infra';

export default function globalTeardown(): void {
  const marker = globalThis as { __infraStartedByTests?: boolean };
  if (usesExternalInfra() || !marker.__infraStartedByTests || process.env.KEEP_TEST_INFRA) return;
  marker.__infraStartedByTests = false;
  testInfra('down');
}
