import { freePort, kafkaBrokers, mongoUri, ServiceProcess, testInfra, usesExternalInfra, waitFor } from '@app/testing';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';

/**
 * A consumer that will not be restarted must not leave its service half
 * alive (HTTP answering, nothing consumed): readiness fails and the process
 * exits non-zero, so the supervisor starts a fresh one. The broker is taken
 * away and the service gets no in-process restarts, so its consumer dies for
 * good. Needs the test's own broker (it is killed), so it is skipped against
 * an external one.
 */
const describeWithOwnBroker = usesExternalInfra() ? describe.skip : describe;

describeWithOwnBroker('a consumer that dies for good', () => {
  const issuer = new DevIssuer();
  let service: ServiceProcess;

  beforeAll(async () => {
    await issuer.start(0);
    service = new ServiceProcess('legal-status', await freePort(), {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      MONGODB_URI: mongoUri(`legal_status_test_death_${Date.now().toString(36)}`),
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URI: issuer.jwksUri,
      CONSUMER_MAX_RESTARTS: '0',
      KAFKA_CLIENT_RETRIES: '1',
    });
    await service.start();
  }, 120_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await issuer.stop();
    testInfra('up', 'kafka');
  }, 120_000);

  it('fails readiness and exits with a non-zero code', async () => {
    testInfra('kill', 'kafka');
    const readinessFailed = waitFor('readiness to fail', async () => {
      const response = await fetch(`${service.url}/ready`).catch(() => undefined);
      return response === undefined || response.status === 503 || undefined;
    }, 90_000, 100);
    expect(await service.exited(90_000)).toBe(1);
    await expect(readinessFailed).resolves.toBe(true);
    expect(service.lines.some((line) => line.msg === 'consumer stopped for good')).toBe(true);
  }, 120_000);
});
