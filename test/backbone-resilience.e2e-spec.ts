import mongoose, { type Connection } from 'mongoose';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';
import { assertTestDatabase } from '@app/persistence';
import { freePort, kafkaBrokers, mongoUri, ServiceProcess, testInfra, usesExternalInfra, waitFor } from '@app/testing';

const routing = (regionCode: string) => ({ country: 'MX', regionCode, needs: ['legal:asylum_mx'], urgency: 'urgent', languages: ['es'] });
const REGIONS = ['MX-CHP', 'MX-OAX', 'MX-BCN', 'MX-SON', 'MX-COA', 'MX-TAM'];

/**
 * Intake writes through its outbox; legal-status projects the events. In the
 * middle of the stream the broker is SIGKILLed and restarted, and so is the
 * consuming service. Every event must arrive, and be counted exactly once.
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
    const common = { KAFKA_BROKERS: kafkaBrokers().join(','), AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_URI: issuer.jwksUri, LOG_LEVEL: 'info', CONSUMER_RETRY_BASE_MS: '100' };
    intake = new ServiceProcess('intake', await freePort(), { ...common, MONGODB_URI: mongoUri(`intake_test_${run}`) });
    legalStatus = new ServiceProcess('legal-status', await freePort(), { ...common, MONGODB_URI: mongoUri(`legal_status_test_${run}`) });
    await Promise.all([intake.start(), legalStatus.start()]);
    legalStatusDb = await mongoose.createConnection(mongoUri(`legal_status_test_${run}`)).asPromise();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([intake?.stop(), legalStatus?.stop()]);
    await issuer.stop();
    for (const name of [`intake_test_${run}`, `legal_status_test_${run}`]) assertTestDatabase(name);
    await legalStatusDb?.dropDatabase();
    await legalStatusDb?.close();
    const other = await mongoose.createConnection(mongoUri(`intake_test_${run}`)).asPromise();
    await other.dropDatabase();
    await other.close();
  }, 60_000);

  async function call(method: string, path: string, body: unknown, correlationId?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${intake.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(correlationId ? { 'x-correlation-id': correlationId } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  it('loses no event and applies none twice', async () => {
    const cases: { caseId: string; version: number }[] = [];
    for (let i = 0; i < 20; i += 1) {
      const opened = await call('POST', '/cases', { routing: routing('MX-CHP') });
      cases.push({ caseId: String(opened.caseId), version: Number(opened.version) });
    }
    const update = async (round: number): Promise<void> => {
      for (const entry of cases) {
        const updated = await call('PUT', `/cases/${entry.caseId}/routing`, { version: entry.version, routing: routing(REGIONS[round % REGIONS.length]!) });
        entry.version = Number(updated.version);
      }
    };

    await update(1);
    if (!usesExternalInfra()) {
      // Broker dies hard in the middle of the stream; intake keeps accepting writes into its outbox.
      testInfra('kill', 'kafka');
      await update(2);
      testInfra('up', 'kafka');
    }
    await update(3);
    // The consumer dies hard with events in flight, and comes back.
    await legalStatus.stop('SIGKILL');
    await update(4);
    await legalStatus.start();
    await update(5);

    const knownCases = legalStatusDb.collection<{ _id: string; lastSequence: number; eventsReceived: number; routing: { regionCode: string } }>('known_cases');
    const finalVersion = cases[0]!.version;
    await waitFor('every event projected', async () => (await knownCases.countDocuments({ _id: { $in: cases.map((c) => c.caseId) }, lastSequence: finalVersion })) === cases.length || undefined, 120_000, 500);
    const projected = await knownCases.find({ _id: { $in: cases.map((c) => c.caseId) } }).toArray();
    for (const doc of projected) {
      // One opened event plus one routing update per round: each received exactly once.
      expect(doc.eventsReceived).toBe(finalVersion);
      expect(doc.routing.regionCode).toBe(REGIONS[5 % REGIONS.length]);
    }
  }, 300_000);

  it('serves health, readiness and OpenAPI, and answers bad input and missing auth with problem+json', async () => {
    expect((await fetch(`${intake.url}/health`)).status).toBe(200);
    const ready = (await (await fetch(`${legalStatus.url}/ready`)).json()) as { status: string; checks: Record<string, boolean> };
    expect(ready).toEqual({ status: 'ready', checks: { mongo: true, kafka: true, consumer: true } });
    const intakeReady = (await (await fetch(`${intake.url}/ready`)).json()) as { checks: Record<string, boolean> };
    expect(intakeReady.checks).toEqual({ mongo: true, kafka: true, outboxRelay: true, consumer: true });
    const docs = await fetch(`${intake.url}/docs/openapi.json`);
    expect(docs.headers.get('cache-control')).not.toBe('no-store');
    const openapi = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{caseId}', '/cases/{caseId}/routing', '/ready']));

    const unauthenticated = await fetch(`${intake.url}/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');
    // No cache on the way may keep an API answer, and no browser may sniff another type.
    expect({ cache: unauthenticated.headers.get('cache-control'), sniff: unauthenticated.headers.get('x-content-type-options') }).toEqual({ cache: 'no-store', sniff: 'nosniff' });

    const canary = 'CANARY-name-Maria-Lopez';
    const invalid = await fetch(`${intake.url}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-correlation-id': `bad-input-${run}` },
      body: JSON.stringify({ routing: { ...routing('MX-CHP'), needs: [canary] }, clientName: canary }),
    });
    const problem = (await invalid.json()) as { code: string; correlationId: string; errors: { field: string }[] };
    expect(invalid.status).toBe(400);
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.correlationId).toBe(`bad-input-${run}`);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['clientName', 'routing.needs']);
    expect(JSON.stringify(problem)).not.toContain(canary);
    expect(intake.rawOutput.join('\n')).not.toContain(canary);

    const opened = await call('POST', '/cases', { routing: routing('MX-CHP') });
    const read = await fetch(`${intake.url}/cases/${String(opened.caseId)}`, { headers: { authorization: `Bearer ${token}` } });
    expect({ status: read.status, cache: read.headers.get('cache-control'), sniff: read.headers.get('x-content-type-options') }).toEqual({ status: 200, cache: 'no-store', sniff: 'nosniff' });
    const put = (caseId: string, version: number) =>
      fetch(`${intake.url}/cases/${caseId}/routing`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ version, routing: routing('MX-OAX') }) });
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
    const requestLine = await waitFor('intake request log', () => intake.lines.find((line) => line.msg === 'request completed' && line.correlationId === correlationId));
    const consumerLine = await waitFor('legal-status projection log', () => legalStatus.lines.find((line) => line.msg === 'case event projected' && line.caseId === opened.caseId), 30_000);
    expect(requestLine.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(consumerLine.trace_id).toBe(requestLine.trace_id);
  }, 60_000);
});
