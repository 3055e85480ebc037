import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { serviceEnv } from '@app/config';

/** docker-compose.yml cannot run on the development machines; this keeps it honest. */
const root = resolve(__dirname, '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      command?: string[];
      environment?: Record<string, string | number>;
      volumes?: string[];
      build?: { dockerfile: string; args?: Record<string, string> };
      depends_on?: unknown;
    }
  >;
};
const APPS = ['intake', 'legal-status', 'shelter-capacity', 'notifications'];

describe('docker-compose.yml', () => {
  it('describes the production-like stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([...APPS, 'kafka', 'mongo', 'mongo-init', 'otel-collector', 'jaeger', 'dev-issuer']),
    );
  });

  it('runs Kafka in KRaft mode without topic auto-creation', () => {
    const kafka = compose.services.kafka!.environment!;
    expect(String(kafka.KAFKA_PROCESS_ROLES)).toContain('controller');
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBeDefined();
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services.kafka!.environment!.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
  });

  it('runs MongoDB as a replica set that the services name', () => {
    expect(compose.services.mongo!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    for (const app of APPS)
      expect(String(compose.services[app]!.environment!.MONGODB_URI)).toMatch(
        /^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/,
      );
  });

  it.each(APPS)('gives %s every setting its configuration requires, valid', (app) => {
    const service = compose.services[app]!;
    expect(service.build?.args?.SERVICE).toBe(app);
    const env = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]),
    );
    expect(() => z.object(serviceEnv).parse(env)).not.toThrow();
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
  });

  it('mounts only files that exist', () => {
    const mounted = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => volume.startsWith('./'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) expect(existsSync(resolve(root, volume.split(':')[0]!))).toBe(true);
    for (const service of Object.values(compose.services))
      if (service.build) expect(existsSync(resolve(root, service.build.dockerfile))).toBe(true);
  });
});
