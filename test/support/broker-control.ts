import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, TEST_INFRA_ENV } from '@app/testing';

const run = promisify(execFile);

/**
 * testInfra() from @app/testing, but without blocking the event loop: the
 * broker takes seconds to start, and a test that keeps writing while it does
 * must keep its requests going meanwhile.
 */
async function infra(...args: string[]): Promise<void> {
  await run('bash', [resolve(REPO_ROOT, 'deploy/local/infra.sh'), ...args], { env: { ...process.env, ...TEST_INFRA_ENV } });
}

/** SIGKILLs the test broker: no clean shutdown, no flush, open requests cut. */
export function killBroker(): Promise<void> {
  return infra('kill', 'kafka');
}

/** Starts the test broker again (on the same data directory) and resolves once it serves. */
export function startBroker(): Promise<void> {
  return infra('up', 'kafka');
}
