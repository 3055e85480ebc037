import { execFile, execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = resolve(__dirname, '../../../..');

/** The test broker and database run beside a developer's local stack, on other ports. */
export const TEST_INFRA_ENV = {
  STACK_DIR: resolve(REPO_ROOT, '.stack/test'),
  KAFKA_PORT: process.env.TEST_KAFKA_PORT ?? '29092',
  KAFKA_CONTROLLER_PORT: process.env.TEST_KAFKA_CONTROLLER_PORT ?? '29093',
  MONGO_PORT: process.env.TEST_MONGO_PORT ?? '28017',
};

const INFRA_SCRIPT = resolve(REPO_ROOT, 'deploy/local/infra.sh');
const infraEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...TEST_INFRA_ENV });

/** Runs deploy/local/infra.sh against the test state directory. */
export function testInfra(...args: string[]): string {
  return execFileSync('bash', [INFRA_SCRIPT, ...args], {
    env: infraEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * testInfra without blocking the event loop: the broker takes seconds to
 * start, and a test that keeps writing while it does must keep its requests going.
 */
export async function testInfraAsync(...args: string[]): Promise<void> {
  await promisify(execFile)('bash', [INFRA_SCRIPT, ...args], { env: infraEnv() });
}

/** True when the run uses a broker and database it did not start (KAFKA_BROKERS / MONGODB_URI). */
export function usesExternalInfra(): boolean {
  return Boolean(process.env.KAFKA_BROKERS && process.env.MONGODB_URI);
}

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? `127.0.0.1:${TEST_INFRA_ENV.KAFKA_PORT}`).split(',');
}

/** A database URI for one test file; the name says "test" so cleanup may drop it. */
export function mongoUri(database: string): string {
  const base = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${TEST_INFRA_ENV.MONGO_PORT}`;
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
