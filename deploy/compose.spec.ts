import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkAuthOptions } from '@app/auth';
import { loadConfig, serviceEnv } from '@app/config';

/** docker-compose.yml and its development override cannot run on the development machines; this keeps them honest. */
const root = resolve(__dirname, '..');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  volumes?: string[];
  ports?: string[];
  build?: { dockerfile: string; args?: Record<string, string> };
  depends_on?: Record<string, unknown>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const read = (file: string): ComposeFile =>
  parse(readFileSync(resolve(root, file), 'utf8'), { merge: true }) as ComposeFile;
const compose = read('docker-compose.yml');
const devOverride = read('docker-compose.dev.yml');
/** What `docker compose -f docker-compose.yml -f docker-compose.dev.yml` runs. */
const devStack = mergeCompose(compose, devOverride);

const APPS = ['intake', 'legal-status', 'shelter-capacity', 'notifications'];
const INFRA = ['kafka', 'kafka-scram', 'kafka-init', 'mongo', 'mongo-init', 'otel-collector', 'jaeger'];
const DEV_ISSUER_PORT = '19080';

/** What an operator exports before `docker compose up`: the organizations' identity providers. */
const OPERATOR_ENV = {
  AUTH_ISSUERS: JSON.stringify([
    {
      issuer: 'https://idp.casa.example.mx',
      jwksUri: 'https://idp.casa.example.mx/.well-known/jwks.json',
      organizations: ['org_casa'],
    },
    {
      issuer: 'https://login.probono.example.org',
      jwksUri: 'https://login.probono.example.org/keys',
      organizations: ['org_probono'],
    },
  ]),
};

/**
 * The merge rules of the Compose specification ("Merge"): mappings merge key
 * by key, sequences are appended, command and entrypoint are replaced.
 */
function mergeCompose<T>(base: T, override: T): T {
  if (Array.isArray(base) && Array.isArray(override)) return [...(base as unknown[]), ...(override as unknown[])] as T;
  if (isMapping(base) && isMapping(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      merged[key] = key in base && !['command', 'entrypoint'].includes(key) ? mergeCompose(base[key], value) : value;
    }
    return merged as T;
  }
  return override;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A service's environment as the container sees it: a key without a value is
 * taken from the environment compose runs in, and left out when that lacks it.
 */
function containerEnv(service: ComposeService, shell: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    const resolved = value === null ? shell[key] : String(value);
    if (resolved !== undefined) env[key] = resolved;
  }
  return env;
}

/** The service's configuration and AuthModule's start-up check, as bootstrapService runs them. */
function startUpChecks(env: Record<string, string>): void {
  const config = loadConfig(serviceEnv, env);
  checkAuthOptions({ issuers: config.AUTH_ISSUERS, audience: config.AUTH_AUDIENCE, environment: config.NODE_ENV });
}

const publishedPorts = (file: ComposeFile): string[] =>
  Object.values(file.services).flatMap((service) => service.ports ?? []);

describe('docker-compose.yml', () => {
  it('describes the production-like stack, without the development issuer', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APPS, ...INFRA].sort());
  });

  it('neither publishes, depends on nor points at the development issuer', () => {
    expect(publishedPorts(compose).filter((port) => port.includes(DEV_ISSUER_PORT))).toEqual([]);
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, Object.keys(service.depends_on ?? {})]).toEqual([name, expect.not.arrayContaining(['dev-issuer'])]);
      expect(JSON.stringify(service)).not.toMatch(/dev-issuer/i);
    }
  });

  it('runs Kafka in KRaft mode without topic auto-creation', () => {
    const kafka = compose.services.kafka!.environment!;
    expect(String(kafka.KAFKA_PROCESS_ROLES)).toContain('controller');
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBeDefined();
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services.kafka!.environment!.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
  });

  it('takes only authenticated Kafka clients, and authorizes them by ACL', () => {
    const kafka = compose.services.kafka!.environment!;
    expect(String(kafka.KAFKA_LISTENERS)).not.toMatch(/(^|,)PLAINTEXT:/);
    expect(String(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).split(',')).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/:PLAINTEXT$/)]),
    );
    expect(kafka.KAFKA_AUTHORIZER_CLASS_NAME).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(kafka.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
    expect(kafka.KAFKA_SUPER_USERS).toBe('User:admin');
    expect(compose.services['kafka-init']!.command).toEqual(['node', 'dist/libs/messaging/src/kafka/acl-cli.js']);
  });

  it('has no Kafka password in it: every one comes from the environment compose runs in', () => {
    const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    for (const [, value] of text.matchAll(/password="([^"]*)"/g))
      expect(value).toMatch(/^(\$\{KAFKA_ADMIN_PASSWORD:\?|%s$)/);
    for (const [, value] of text.matchAll(/_PASSWORD: (.*)/g)) expect(value).toMatch(/^\$\{KAFKA_[A-Z_]+_PASSWORD:\?/);
  });

  it('runs MongoDB as a replica set that the services name', () => {
    expect(compose.services.mongo!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    for (const app of APPS)
      expect(String(compose.services[app]!.environment!.MONGODB_URI)).toMatch(
        /^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/,
      );
  });

  describe.each(APPS)('%s', (app) => {
    const service = compose.services[app]!;

    it('runs under NODE_ENV=production, built from the production image', () => {
      expect(service.build).toEqual(
        expect.objectContaining({ dockerfile: 'deploy/docker/Dockerfile', args: { SERVICE: app } }),
      );
      expect(containerEnv(service).NODE_ENV).toBe('production');
      expect(containerEnv(service).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    });

    it("takes AUTH_ISSUERS from the operator's environment and refuses to start without it", () => {
      expect(service.environment).toHaveProperty('AUTH_ISSUERS', null);
      expect(() => startUpChecks(containerEnv(service))).toThrow(/AUTH_ISSUERS/);
    });

    it('authenticates to Kafka as its own principal, with its own password', () => {
      const env = containerEnv(service);
      expect(env.KAFKA_SASL_USERNAME).toBe(app);
      expect(env.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
      expect(env.KAFKA_SASL_PASSWORD).toBe(
        `\${KAFKA_${app.toUpperCase().replace('-', '_')}_PASSWORD:?set KAFKA_${app.toUpperCase().replace('-', '_')}_PASSWORD}`,
      );
    });

    it("starts with the operator's https issuers", () => {
      const env = containerEnv(service, OPERATOR_ENV);
      expect(() => z.object(serviceEnv).parse(env)).not.toThrow();
      expect(() => startUpChecks(env)).not.toThrow();
    });

    it('refuses to start when pointed at the development issuer', () => {
      const devIssuers = containerEnv(devStack.services[app]!).AUTH_ISSUERS!;
      expect(() => startUpChecks(containerEnv(service, { AUTH_ISSUERS: devIssuers }))).toThrow(
        /environment production.*is the development issuer/,
      );
    });
  });
});

describe('docker-compose.dev.yml (local runs only)', () => {
  const devIssuer = devStack.services['dev-issuer']!;

  it('adds the development issuer from its own image, published on loopback only', () => {
    expect(devIssuer.build?.dockerfile).toBe('deploy/docker/dev-issuer.Dockerfile');
    expect(devIssuer.ports).toEqual([`127.0.0.1:${DEV_ISSUER_PORT}:${DEV_ISSUER_PORT}`]);
    expect(publishedPorts(devStack).filter((port) => port.includes(DEV_ISSUER_PORT))).toEqual(devIssuer.ports);
  });

  it('only adds to the services: no ports, volumes or commands that merging would append or replace', () => {
    for (const app of APPS)
      expect(Object.keys(devOverride.services[app]!).sort()).toEqual(['depends_on', 'environment']);
    expect(Object.keys(devOverride.services).sort()).toEqual(['dev-issuer', ...APPS].sort());
  });

  it.each(APPS)('starts %s trusting the development issuer, under NODE_ENV=development', (app) => {
    const service = devStack.services[app]!;
    expect(Object.keys(service.depends_on ?? {})).toEqual(
      expect.arrayContaining(['kafka-init', 'mongo-init', 'dev-issuer']),
    );
    const env = containerEnv(service);
    expect(env.NODE_ENV).toBe('development');
    const [trusted] = loadConfig(serviceEnv, env).AUTH_ISSUERS;
    // The identifier the issuer signs with, and its JWKS on the compose network.
    expect(trusted?.issuer).toBe(devIssuer.environment?.DEV_ISSUER_ISSUER);
    expect(trusted?.jwksUri).toBe(`${String(devIssuer.environment?.DEV_ISSUER_ISSUER)}/.well-known/jwks.json`);
    expect(() => startUpChecks(env)).not.toThrow();
  });
});

describe('both files', () => {
  it('mount only files that exist and build from Dockerfiles that exist', () => {
    const services = Object.values(devStack.services);
    const mounted = services.flatMap((service) => service.volumes ?? []).filter((volume) => volume.startsWith('./'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) expect(existsSync(resolve(root, volume.split(':')[0]!))).toBe(true);
    for (const service of services)
      if (service.build) expect(existsSync(resolve(root, service.build.dockerfile))).toBe(true);
  });
});
