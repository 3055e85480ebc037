import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type SASLOptions } from 'kafkajs';

const root = resolve(__dirname, '../../..');

/** Where a benchmark's own broker and database keep their state, and their ports. */
export interface BenchStack {
  /** The state directory under .stack/ (bench: .stack/bench). */
  name: string;
  kafkaPort: number;
  controllerPort: number;
  mongoPort: number;
}

/** bench:backbone's; another benchmark takes its own so both can run at once. */
export const BACKBONE_STACK: BenchStack = { name: 'bench', kafkaPort: 39092, controllerPort: 39093, mongoPort: 38017 };

function envOf(stack: BenchStack): NodeJS.ProcessEnv & { STACK_DIR: string; KAFKA_PORT: string; MONGO_PORT: string } {
  return {
    ...process.env,
    STACK_DIR: resolve(root, '.stack', stack.name),
    KAFKA_PORT: String(stack.kafkaPort),
    KAFKA_CONTROLLER_PORT: String(stack.controllerPort),
    MONGO_PORT: String(stack.mongoPort),
  };
}

function infraOf(env: NodeJS.ProcessEnv): (...args: string[]) => void {
  return (...args) =>
    execFileSync('bash', [resolve(root, 'deploy/local/infra.sh'), ...args], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
}

function pidOf(stackDir: string, name: 'kafka' | 'mongo'): number | undefined {
  try {
    return Number(readFileSync(resolve(stackDir, `${name}.pid`), 'utf8').trim());
  } catch {
    return undefined;
  }
}

export interface BenchInfra {
  brokers: string[];
  /** The admin principal of the bench's broker, or KAFKA_SASL_* for a given one (none: no SASL). */
  sasl?: SASLOptions;
  /**
   * A service's own principal on this run's broker (infra.sh made one per
   * service), or KAFKA_SASL_* for a given broker; undefined: no SASL.
   */
  saslOf: (principal: string) => SASLOptions | undefined;
  mongoUri: string;
  /** Known only for a broker and database this run started (for CPU accounting). */
  pids: { broker?: number; database?: number };
  stop: () => void;
}

function saslFromEnv(): { sasl?: SASLOptions } {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_MECHANISM } = process.env;
  if (!username || !password) return {};
  return {
    sasl: {
      mechanism: KAFKA_SASL_MECHANISM === 'scram-sha-256' ? 'scram-sha-256' : 'scram-sha-512',
      username,
      password,
    },
  };
}

/** A fresh broker and database for each run (unless KAFKA_BROKERS / MONGODB_URI are given). */
export function startBenchInfra(stack: BenchStack = BACKBONE_STACK): BenchInfra {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) {
    const given = saslFromEnv();
    return {
      brokers: process.env.KAFKA_BROKERS.split(','),
      ...given,
      saslOf: () => given.sasl,
      mongoUri: process.env.MONGODB_URI,
      pids: {},
      stop: () => undefined,
    };
  }
  const env = envOf(stack);
  const infra = infraOf(env);
  infra('down');
  rmSync(env.STACK_DIR, { recursive: true, force: true });
  infra('up');
  // infra.sh generated the broker's passwords into the fresh state directory.
  const saslOf = (principal: string): SASLOptions => ({
    mechanism: 'scram-sha-512',
    username: principal,
    password: readFileSync(resolve(env.STACK_DIR, 'kafka/credentials', principal), 'utf8').trim(),
  });
  return {
    brokers: [`127.0.0.1:${env.KAFKA_PORT}`],
    sasl: saslOf('admin'),
    saslOf,
    mongoUri: `mongodb://127.0.0.1:${env.MONGO_PORT}`,
    pids: { broker: pidOf(env.STACK_DIR, 'kafka'), database: pidOf(env.STACK_DIR, 'mongo') },
    stop: () => infra('down'),
  };
}

/** A fresh database only, on the benchmark's port (unless MONGODB_URI is given). */
export function startBenchMongo(stack: BenchStack = BACKBONE_STACK): { mongoUri: string; stop: () => void } {
  if (process.env.MONGODB_URI) return { mongoUri: process.env.MONGODB_URI, stop: () => undefined };
  const env = envOf(stack);
  const infra = infraOf(env);
  infra('down');
  rmSync(env.STACK_DIR, { recursive: true, force: true });
  infra('up', 'mongo');
  return { mongoUri: `mongodb://127.0.0.1:${env.MONGO_PORT}`, stop: () => infra('down', 'mongo') };
}
