import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';
import { type BenchInfra } from '../shared/bench-infra';
import { ChildServer, freePort } from './child-server';

const root = resolve(__dirname, '../../..');

/**
 * The built intake service (dist/apps/intake), started as in production, on
 * the bench's broker (as its own principal) and a fresh database, trusting
 * the bench's issuer for one organization. Logs at info to a file, one line
 * per request, as a deployment would (BENCH_INTAKE_LOG_LEVEL to change it).
 */
export async function startIntake(
  infra: BenchInfra,
  issuer: DevIssuer,
  orgId: string,
  logDir: string,
): Promise<ChildServer> {
  const port = await freePort();
  const sasl = infra.saslOf('intake');
  const saslEnv: Record<string, string> =
    sasl && 'username' in sasl && 'password' in sasl
      ? { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password }
      : {};
  const database = new URL(infra.mongoUri);
  database.pathname = `/bench_intake_${Date.now()}`;
  return ChildServer.start({
    name: 'intake',
    script: resolve(root, 'dist/apps/intake/src/main.js'),
    // BENCH_CPU_PROF=1: a V8 CPU profile of intake's whole run, written to the log directory on exit.
    nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${logDir}`] : [],
    port,
    env: {
      NODE_ENV: 'development',
      HTTP_PORT: String(port),
      KAFKA_BROKERS: infra.brokers.join(','),
      ...saslEnv,
      MONGODB_URI: database.toString(),
      AUTH_ISSUERS: JSON.stringify([issuer.trustedIssuer([orgId])]),
      AUTH_AUDIENCE: issuer.audience,
      KEY_DIRECTORY_SIGNING_KEY: randomBytes(32).toString('base64url'),
      // BENCH_INTAKE_LOG_LEVEL=warn: without the line per request, to see what logging costs.
      LOG_LEVEL: process.env.BENCH_INTAKE_LOG_LEVEL ?? 'info',
    },
    logFile: resolve(logDir, 'intake.log'),
    readyPath: '/ready',
    ready: (status) => status === 200,
  });
}

/** The baseline server (bare-server.ts), trusting the same issuer through the same JWKS. */
export async function startBareServer(issuer: DevIssuer, logDir: string): Promise<ChildServer> {
  const port = await freePort();
  return ChildServer.start({
    name: 'bare fastify',
    script: resolve(__dirname, 'bare-server.js'),
    port,
    env: {
      BARE_PORT: String(port),
      BARE_ISSUER: issuer.issuer,
      BARE_JWKS_URI: issuer.jwksUri,
      BARE_AUDIENCE: issuer.audience,
    },
    logFile: resolve(logDir, 'bare-server.log'),
    // Its one route takes POST and PUT; any answer to a GET means it listens.
    readyPath: '/',
    ready: (status) => status > 0,
  });
}
