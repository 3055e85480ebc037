import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type SASLOptions } from 'kafkajs';

const root = resolve(__dirname, '../../..');
const env = {
  ...process.env,
  STACK_DIR: resolve(root, '.stack/bench'),
  KAFKA_PORT: '39092',
  KAFKA_CONTROLLER_PORT: '39093',
  MONGO_PORT: '38017',
};

function infra(...args: string[]): void {
  execFileSync('bash', [resolve(root, 'deploy/local/infra.sh'), ...args], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function pidOf(name: 'kafka' | 'mongo'): number | undefined {
  try {
    return Number(readFileSync(resolve(env.STACK_DIR, `${name}.pid`), 'utf8').trim());
  } catch {
    return undefined;
  }
}

export interface BenchInfra {
  brokers: string[];
  /** The admin principal of the bench's broker, or KAFKA_SASL_* for a given one (none: no SASL). */
  sasl?: SASLOptions;
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
export function startBenchInfra(): BenchInfra {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) {
    return {
      brokers: process.env.KAFKA_BROKERS.split(','),
      ...saslFromEnv(),
      mongoUri: process.env.MONGODB_URI,
      pids: {},
      stop: () => undefined,
    };
  }
  infra('down');
  rmSync(env.STACK_DIR, { recursive: true, force: true });
  infra('up');
  return {
    brokers: [`127.0.0.1:${env.KAFKA_PORT}`],
    // infra.sh generated the broker's passwords into the fresh state directory.
    sasl: {
      mechanism: 'scram-sha-512',
      username: 'admin',
      password: readFileSync(resolve(env.STACK_DIR, 'kafka/credentials/admin'), 'utf8').trim(),
    },
    mongoUri: `mongodb://127.0.0.1:${env.MONGO_PORT}`,
    pids: { broker: pidOf('kafka'), database: pidOf('mongo') },
    stop: () => infra('down'),
  };
}

/** A fresh database only, on the benchmark's port (unless MONGODB_URI is given). */
export function startBenchMongo(): { mongoUri: string; stop: () => void } {
  if (process.env.MONGODB_URI) return { mongoUri: process.env.MONGODB_URI, stop: () => undefined };
  infra('down');
  rmSync(env.STACK_DIR, { recursive: true, force: true });
  infra('up', 'mongo');
  return { mongoUri: `mongodb://127.0.0.1:${env.MONGO_PORT}`, stop: () => infra('down', 'mongo') };
}
