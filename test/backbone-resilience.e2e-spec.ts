import mongoose, { type Connection } from 'mongoose';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';
import { assertTestDatabase } from '@app/persistence';
import { freePort, kafkaBrokers, mongoUri, ServiceProcess, usesExternalInfra, waitFor } from '@app/testing';
import { killBroker, startBroker } from './support/broker-control';
import { WriteStream } from './support/write-stream';

const routing = (regionCode: string) => ({
  country: 'MX',
  regionCode,
  needCategories: ['legal'],
  urgency: 'urgent',
  languages: ['es'],
});
const REGIONS = ['MX-CHP', 'MX-OAX', 'MX-BCN', 'MX-SON', 'MX-COA', 'MX-TAM'];

/** Concurrent writers, each opening case after case; every accepted opening is one outbox event. */
const WRITERS = 10;
/** Pause between one writer's writes: a steady stream, not a flood the test database would choke on. */
const WRITE_PAUSE_MS = 50;
/**
 * The broker stays dead this long, then for as long as its restart takes
 * (some 15 s): the outbox gathers a backlog of thousands of events, more than
 * one produce request may carry, as after a real outage.
 */
const BROKER_DOWN_MS = 8_000;
const CONSUMER_DOWN_MS = 1_000;
/** Writing goes on for a while after the last disruption, so the stream ends in a steady state. */
const TAIL_MS = 2_000;

interface KnownCaseDoc {
  _id: string;
  ownerOrgId: string;
  lastSequence: number;
  eventsReceived: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Intake writes through its outbox; legal-status projects the events. While
 * a steady stream of writes goes on, and events are flowing end to end, the
 * broker is SIGKILLed and restarted, and then the consuming service is.
 * Writes need only MongoDB, so every one must be accepted throughout; and
 * every event must arrive, and be counted exactly once.
 */
describe('event delivery across a broker crash and a consumer restart', () => {
  const run = Date.now().toString(36);
  const issuer = new DevIssuer();
  let intake: ServiceProcess;
  let legalStatus: ServiceProcess;
  let legalStatusDb: Connection;
  let token: string;

  beforeAll(async () => {
    await issuer.start(0);
    token = await issuer.mint({ sub: 'staff_e2e', org: `org_${run}`, roles: ['intake_worker'] });
    const common = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_ISSUERS: JSON.stringify([issuer.trustedIssuer()]),
      AUTH_AUDIENCE: issuer.audience,
      LOG_LEVEL: 'info',
      CONSUMER_RETRY_BASE_MS: '100',
    };
    intake = new ServiceProcess('intake', await freePort(), { ...common, MONGODB_URI: mongoUri(`intake_test_${run}`) });
    legalStatus = new ServiceProcess('legal-status', await freePort(), {
      ...common,
      MONGODB_URI: mongoUri(`legal_status_test_${run}`),
    });
    await Promise.all([intake.start(), legalStatus.start()]);
    legalStatusDb = await mongoose.createConnection(mongoUri(`legal_status_test_${run}`)).asPromise();
  }, 180_000);

  afterAll(async () => {
    // The broker is shared with the other test files: whatever happened above, leave it running.
    if (!usesExternalInfra()) await startBroker();
    await Promise.all([intake?.stop(), legalStatus?.stop()]);
    await issuer.stop();
    for (const name of [`intake_test_${run}`, `legal_status_test_${run}`]) assertTestDatabase(name);
    await legalStatusDb?.dropDatabase();
    await legalStatusDb?.close();
    const other = await mongoose.createConnection(mongoUri(`intake_test_${run}`)).asPromise();
    await other.dropDatabase();
    await other.close();
  }, 60_000);

  async function call(
    method: string,
    path: string,
    body: unknown,
    correlationId?: string,
  ): Promise<Record<string, unknown>> {
    const response = await fetch(`${intake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  it('loses no event and applies none twice', async () => {
    const ownerOrgId = `org_${run}`;
    const knownCases = legalStatusDb.collection<KnownCaseDoc>('known_cases');
    const projectedEvents = async (): Promise<number> =>
      (await knownCases.find({ ownerOrgId }).toArray()).reduce((sum, doc) => sum + doc.eventsReceived, 0);
    // Events are flowing end to end when the projection has taken in what was written up to now.
    const caughtUpWith = async (what: string, written: number): Promise<void> => {
      await waitFor(
        what,
        async () => stream.errors.length > 0 || (await projectedEvents()) >= written || undefined,
        60_000,
        200,
      ).catch((error: unknown) => {
        // A stalled stream is most often a relay that cannot publish: say why, from intake's own log.
        const relayFailure = intake.lines
          .filter((line) => String(line.msg).startsWith('outbox relay round failed'))
          .at(-1)?.error;
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}; intake's last relay failure: ${JSON.stringify(relayFailure ?? 'none')}`,
        );
      });
      // A write the service refused stops the stream: fail here, with its answer, not later with a count.
      expect(stream.errors).toEqual([]);
    };

    let region = 0;
    const open = (): Promise<Response> =>
      fetch(`${intake.url}/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ routing: routing(REGIONS[(region += 1) % REGIONS.length]!) }),
        // A write that hangs must fail the test, not stall the stream forever.
        signal: AbortSignal.timeout(10_000),
      });
    const stream = new WriteStream(WRITERS, open, WRITE_PAUSE_MS);
    const events = (): number => stream.accepted;
    try {
      await caughtUpWith('the stream to reach the projection', 5 * WRITERS);

      let writtenWhileBrokerDown = 0;
      if (!usesExternalInfra()) {
        // The broker dies hard with events on their way; intake keeps accepting writes into its outbox meanwhile.
        const beforeKill = stream.accepted;
        await killBroker();
        await sleep(BROKER_DOWN_MS);
        const restarting = startBroker();
        writtenWhileBrokerDown = stream.accepted - beforeKill;
        await restarting;
        // The relay sends what the outbox kept; the consumer is killed while it works through that backlog.
        await caughtUpWith(
          'the backlog to start reaching the projection after the broker restart',
          (await projectedEvents()) + 5 * WRITERS,
        );
      }

      // The consumer dies hard in the middle of a batch (some events projected, their offsets not yet committed), and
      // comes back.
      const beforeConsumerKill = stream.accepted;
      await legalStatus.stop('SIGKILL');
      await sleep(CONSUMER_DOWN_MS);
      await legalStatus.start();
      const writtenWhileConsumerDown = stream.accepted - beforeConsumerKill;
      await caughtUpWith('the stream to flow again after the consumer restart', events());
      await sleep(TAIL_MS);

      await stream.stop();
      expect({
        errors: stream.errors,
        writtenWhileConsumerDown: writtenWhileConsumerDown > 0,
        writtenWhileBrokerDown: usesExternalInfra() || writtenWhileBrokerDown > 0,
      }).toEqual({
        errors: [],
        writtenWhileConsumerDown: true,
        writtenWhileBrokerDown: true,
      });
    } finally {
      await stream.stop();
    }

    const opened = new Set(stream.opened);
    const allProjected = async (): Promise<boolean> => (await knownCases.countDocuments({ ownerOrgId })) >= opened.size;
    // A lost event never arrives: after the wait, the comparison below says which case misses what.
    await waitFor('every opened case to reach the projection', allProjected, 120_000, 500).catch(() => undefined);
    const projected = new Map((await knownCases.find({ ownerOrgId }).toArray()).map((doc) => [doc._id, doc]));
    // Each case: its one event, received exactly once, and no case the stream did not open.
    const missing = [...opened].filter((caseId) => !projected.has(caseId));
    const unexpected = [...projected.keys()].filter((caseId) => !opened.has(caseId));
    const notOnce = [...projected.values()]
      .filter((doc) => doc.eventsReceived !== 1 || doc.lastSequence !== 1)
      .map((doc) => ({ caseId: doc._id, eventsReceived: doc.eventsReceived, lastSequence: doc.lastSequence }));
    expect({ missing, unexpected, notOnce }).toEqual({ missing: [], unexpected: [], notOnce: [] });
    expect(opened.size).toBe(events());
  }, 300_000);

  it('serves health, readiness and OpenAPI, and answers bad input and missing auth with problem+json', async () => {
    expect((await fetch(`${intake.url}/health`)).status).toBe(200);
    const ready = (await (await fetch(`${legalStatus.url}/ready`)).json()) as {
      status: string;
      checks: Record<string, boolean>;
    };
    expect(ready).toEqual({ status: 'ready', checks: { mongo: true, kafka: true, consumer: true } });
    const intakeReady = (await (await fetch(`${intake.url}/ready`)).json()) as { checks: Record<string, boolean> };
    expect(intakeReady.checks).toEqual({ mongo: true, kafka: true, outboxRelay: true, consumer: true });
    const docs = await fetch(`${intake.url}/docs/openapi.json`);
    expect(docs.headers.get('cache-control')).not.toBe('no-store');
    const openapi = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{caseId}', '/cases/{caseId}/routing', '/ready']),
    );

    const unauthenticated = await fetch(`${intake.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');
    // No cache on the way may keep an API answer, and no browser may sniff another type.
    expect({
      cache: unauthenticated.headers.get('cache-control'),
      sniff: unauthenticated.headers.get('x-content-type-options'),
    }).toEqual({ cache: 'no-store', sniff: 'nosniff' });

    const canary = 'CANARY-name-Maria-Lopez';
    const invalid = await fetch(`${intake.url}/cases`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-correlation-id': `bad-input-${run}`,
      },
      body: JSON.stringify({ routing: { ...routing('MX-CHP'), needCategories: [canary] }, clientName: canary }),
    });
    const problem = (await invalid.json()) as { code: string; correlationId: string; errors: { field: string }[] };
    expect(invalid.status).toBe(400);
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.correlationId).toBe(`bad-input-${run}`);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['clientName', 'routing.needCategories']);
    expect(JSON.stringify(problem)).not.toContain(canary);
    expect(intake.rawOutput.join('\n')).not.toContain(canary);

    const opened = await call('POST', '/cases', { routing: routing('MX-CHP') });
    const read = await fetch(`${intake.url}/cases/${String(opened.caseId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect({
      status: read.status,
      cache: read.headers.get('cache-control'),
      sniff: read.headers.get('x-content-type-options'),
    }).toEqual({ status: 200, cache: 'no-store', sniff: 'nosniff' });
    const put = (caseId: string, version: number) =>
      fetch(`${intake.url}/cases/${caseId}/routing`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version, routing: routing('MX-OAX') }),
      });
    const stale = await put(String(opened.caseId), Number(opened.version) + 5);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('CASE.VERSION_CONFLICT');
    const missing = await put('case_doesNotExist000000', 1);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('CASE.NOT_FOUND');
  }, 30_000);

  it('continues one trace from the HTTP request through the outbox and Kafka to the other service', async () => {
    const correlationId = `trace-${run}-check`;
    const opened = await call('POST', '/cases', { routing: routing('MX-OAX') }, correlationId);
    const requestLine = await waitFor('intake request log', () =>
      intake.lines.find((line) => line.msg === 'request completed' && line.correlationId === correlationId),
    );
    const consumerLine = await waitFor(
      'legal-status projection log',
      () => legalStatus.lines.find((line) => line.msg === 'case event projected' && line.caseId === opened.caseId),
      30_000,
    );
    expect(requestLine.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(consumerLine.trace_id).toBe(requestLine.trace_id);
  }, 60_000);
});
