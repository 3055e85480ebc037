import { freePort, kafkaBrokers, mongoUri, ServiceProcess, waitFor } from '@app/testing';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';
import { ConsumerFault } from './support/consumer-fault';

interface Probe {
  /** When the probe was sent (this host's clock, as the service's log times). */
  sentAt: number;
  status: number | 'no answer';
  checks?: Record<string, boolean>;
}

/**
 * Probers running at once. The service stops answering HTTP within
 * milliseconds of its consumer's death, so that window is short; it must
 * still be probed, since a lingering process is what this test is about.
 */
const PROBERS = 4;

/**
 * A consumer that will not be restarted must not leave its service half
 * alive (HTTP answering, nothing consumed): readiness fails and the process
 * exits non-zero, so the supervisor starts a fresh one. The consumer's
 * fetches are made to fail while the broker stays up, so Kafka's own
 * readiness check keeps passing and only the consumer can fail readiness; the
 * service gets no in-process restarts, so its consumer dies for good.
 */
describe('a consumer that dies for good', () => {
  const issuer = new DevIssuer();
  let fault: ConsumerFault;
  let service: ServiceProcess;

  beforeAll(async () => {
    await issuer.start(0);
    fault = await ConsumerFault.prepare();
    service = new ServiceProcess('legal-status', await freePort(), {
      ...fault.env,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      MONGODB_URI: mongoUri(`legal_status_test_death_${Date.now().toString(36)}`),
      AUTH_ISSUERS: JSON.stringify([issuer.trustedIssuer()]),
      AUTH_AUDIENCE: issuer.audience,
      CONSUMER_MAX_RESTARTS: '0',
      KAFKA_CLIENT_RETRIES: '1',
    });
    await service.start();
  }, 120_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await issuer.stop();
    await fault?.dispose();
  }, 60_000);

  it('never reports ready once its consumer is dead, and exits with a non-zero code', async () => {
    // Probes all the time, from before the fault until the process is gone, so a 200 between the death and the exit
    // would be seen.
    const probes: Probe[] = [];
    let exited = false;
    const probe = async (): Promise<void> => {
      while (!exited) {
        const sentAt = Date.now();
        const response = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        );
        const body = (await response?.json().catch(() => undefined)) as
          { checks?: Record<string, boolean> } | undefined;
        probes.push({
          sentAt,
          status: response?.status ?? 'no answer',
          ...(body?.checks ? { checks: body.checks } : {}),
        });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const probing = Promise.all(Array.from({ length: PROBERS }, probe));
    await waitFor('a ready probe before the fault', () => probes.some(({ status }) => status === 200));

    await fault.trigger();
    const code = await service.exited(30_000);
    exited = true;
    await probing;

    expect(service.lines.some(({ msg }) => msg === 'consumer fault injected')).toBe(true);
    const death = service.lines.find(({ msg }) => msg === 'consumer stopped for good');
    expect(death).toBeDefined();
    // The service sets its consumer dead before it logs so: a probe sent after that time must not hear "ready".
    const diedAt = Date.parse(String(death?.time));
    const answeredAfterDeath = probes.filter(({ sentAt, status }) => sentAt > diedAt && status !== 'no answer');
    expect(answeredAfterDeath.find(({ status }) => status !== 503)).toBeUndefined();
    // Where the service said why (a 503 while closing has no body), it blames the consumer, with the broker reachable.
    for (const { checks } of answeredAfterDeath)
      if (checks) expect(checks).toMatchObject({ kafka: true, consumer: false });
    expect(code).toBe(1);
  }, 120_000);
});
