import { z } from 'zod';
import { optionalMilliseconds, replacedBy, trustedIssuersJson } from './auth-env';
import { kafkaSaslEnv } from './kafka-sasl-env';

const port = z.coerce.number().int().min(0).max(65535);

/** Comma-separated broker list, e.g. `127.0.0.1:19092,127.0.0.1:19094`. */
const brokerList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1));

/** Settings every service needs. Secrets and endpoints have no defaults. */
export const serviceEnv = {
  /**
   * Unset means production: start-up checks are strict unless a developer or
   * a test says otherwise, so a deployment that forgets the variable fails closed.
   */
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port,
  /**
   * Addresses or CIDR ranges of the proxies in front of the service, comma
   * separated; only their X-Forwarded-For is believed. Empty: the socket's
   * address is the client's. Per-client limits key on the result.
   */
  HTTP_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  KAFKA_BROKERS: brokerList,
  ...kafkaSaslEnv,
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI'),
  /** The identity providers tokens may come from, with the organizations each may assert (JSON). */
  AUTH_ISSUERS: trustedIssuersJson,
  AUTH_AUDIENCE: z.string().min(1),
  /** Each issuer's key set is refetched before use when older than this (default 10 min). */
  AUTH_JWKS_MAX_AGE_MS: optionalMilliseconds(1_000, 86_400_000),
  /** At most one JWKS fetch per issuer in this interval, unknown kids included (default 10 s). */
  AUTH_JWKS_REFETCH_INTERVAL_MS: optionalMilliseconds(1_000, 3_600_000),
  AUTH_JWKS_TIMEOUT_MS: optionalMilliseconds(100, 60_000),
  AUTH_ISSUER: replacedBy('AUTH_ISSUERS'),
  AUTH_JWKS_URI: replacedBy('AUTH_ISSUERS'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Consumer retries before a message goes to the dead-letter topic. */
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  CONSUMER_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(200),
  /** In-process restarts of a crashed consumer per window; past that the process exits for its supervisor. */
  CONSUMER_MAX_RESTARTS: z.coerce.number().int().min(0).max(1_000).default(10),
  CONSUMER_RESTART_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
  /** kafkajs retries of one operation (connect, fetch, commit) before it counts as a crash. */
  KAFKA_CLIENT_RETRIES: z.coerce.number().int().min(0).max(100).default(12),
  /** Partitions for topics this service creates when they are missing. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(3),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
};

export type ServiceEnv = z.infer<z.ZodObject<typeof serviceEnv>>;
