// Issue 9, item 2: a service started for production refuses, before it
// listens, to trust the development issuer or keys fetched over plain HTTP.
// Runs the built service (npm run -s build) as its own process, as in production.

import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { freePort } from '@app/testing';
import { DevIssuer } from '../src/dev-issuer';

const REPO_ROOT = resolve(__dirname, '../../..');

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

/** Starts intake with `env` and waits for it to exit on its own; fails if it is still running after 20 s. */
async function startIntake(port: number, env: Record<string, string>): Promise<Outcome> {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'dist/apps/intake/src/main.js')], {
    // Nothing reachable: a service that got past its configuration would hang on Kafka, not exit.
    env: {
      PATH: process.env.PATH ?? '',
      HTTP_PORT: String(port),
      KAFKA_BROKERS: '127.0.0.1:1',
      MONGODB_URI: 'mongodb://127.0.0.1:1/intake_test_refusal',
      AUTH_AUDIENCE: 'refugio-api',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
  clearTimeout(timer);
  return { code, output };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveConnect) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolveConnect(true)));
    socket.once('error', () => resolveConnect(false));
  });
}

describe('a service under NODE_ENV=production', () => {
  const issuer = new DevIssuer();
  beforeAll(() => issuer.start(0));
  afterAll(() => issuer.stop());

  it.each([
    ['the development issuer', () => [issuer.trustedIssuer(['org-a'])], /development issuer/],
    [
      'a JWKS fetched over http:',
      () => [
        { issuer: 'https://idp.example.org', jwksUri: 'http://idp.example.org/jwks.json', organizations: ['org-a'] },
      ],
      /jwksUri.*https:/,
    ],
  ])(
    'refuses to start when trusting %s, before it listens',
    async (_label, issuers, problem) => {
      const port = await freePort();
      const outcome = await startIntake(port, { NODE_ENV: 'production', AUTH_ISSUERS: JSON.stringify(issuers()) });
      expect(outcome.code).toBe(1);
      expect(outcome.output).toMatch(/intake failed to start: .*production/);
      expect(outcome.output).toMatch(problem);
      expect(outcome.output).not.toContain('service started');
      expect(await accepts(port)).toBe(false);
    },
    30_000,
  );
});
