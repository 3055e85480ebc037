import mongoose, { type Connection } from 'mongoose';
import { type KafkaMessage } from 'kafkajs';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';
import { findMessages } from './support/find-messages';
import { CaseOpenedV2 } from '@app/contracts';
import { createKafka } from '@app/messaging';
import { jsonLogger } from '@app/observability';
import { assertTestDatabase } from '@app/persistence';
import { freePort, kafkaBrokers, mongoUri, ServiceProcess, waitFor, kafkaSasl } from '@app/testing';

const routing = {
  country: 'MX',
  regionCode: 'MX-CHP',
  needCategories: ['legal'],
  urgency: 'urgent',
  languages: ['es'],
};
const PURGING = ['legal-status', 'shelter-capacity', 'notifications'] as const;

interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/**
 * Intake erases a case; legal-status, shelter-capacity and notifications each
 * purge their copy and confirm; intake records the confirmations. A replay of
 * the case's old case.opened event must not bring it back anywhere.
 */
describe('case erasure across services', () => {
  const run = Date.now().toString(36);
  const ownerOrg = `org_${run}a`;
  const issuer = new DevIssuer();
  const databases = {
    intake: `intake_test_erasure_${run}`,
    'legal-status': `legal_status_test_erasure_${run}`,
    'shelter-capacity': `shelter_capacity_test_erasure_${run}`,
    notifications: `notifications_test_erasure_${run}`,
  };
  let intake: ServiceProcess;
  let consumers: Record<(typeof PURGING)[number], ServiceProcess>;
  let intakeDb: Connection;
  const tokens = { admin: '', worker: '', otherAdmin: '' };

  beforeAll(async () => {
    await issuer.start(0);
    tokens.admin = await issuer.mint({ sub: 'admin_e2e', org: ownerOrg, roles: ['org_admin', 'intake_worker'] });
    tokens.worker = await issuer.mint({ sub: 'worker_e2e', org: ownerOrg, roles: ['intake_worker'] });
    tokens.otherAdmin = await issuer.mint({ sub: 'admin_other_e2e', org: `org_${run}b`, roles: ['org_admin'] });
    const common = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_ISSUERS: JSON.stringify([issuer.trustedIssuer()]),
      AUTH_AUDIENCE: issuer.audience,
      LOG_LEVEL: 'info',
      CONSUMER_RETRY_BASE_MS: '100',
    };
    const start = async (name: keyof typeof databases): Promise<ServiceProcess> =>
      new ServiceProcess(name, await freePort(), { ...common, MONGODB_URI: mongoUri(databases[name]) });
    intake = await start('intake');
    consumers = {
      'legal-status': await start('legal-status'),
      'shelter-capacity': await start('shelter-capacity'),
      notifications: await start('notifications'),
    };
    await Promise.all([intake, ...Object.values(consumers)].map((service) => service.start()));
    intakeDb = await mongoose.createConnection(mongoUri(databases.intake)).asPromise();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([intake, ...Object.values(consumers ?? {})].map((service) => service?.stop()));
    await issuer.stop();
    await intakeDb?.close();
    for (const database of Object.values(databases)) {
      assertTestDatabase(database);
      const connection = await mongoose.createConnection(mongoUri(database)).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  }, 60_000);

  async function call(
    service: ServiceProcess,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<Reply> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  const knownIn = (service: ServiceProcess, caseId: string): Promise<Reply> =>
    call(service, 'GET', `/known-cases/${caseId}`, tokens.admin);

  it('erases a case, every service purges and confirms, and nothing brings it back', async () => {
    const opened = await call(intake, 'POST', '/cases', tokens.admin, { routing });
    expect(opened.status).toBe(201);
    const caseId = String(opened.body.caseId);
    for (const service of Object.values(consumers)) {
      await waitFor(
        `${service.name} knows the case`,
        async () => (await knownIn(service, caseId)).status === 200,
        60_000,
        200,
      );
    }
    // Stand-ins for encrypted content: erasure must delete whatever is stored there.
    const cases = intakeDb.collection<{ _id: string }>('cases');
    await cases.updateOne(
      { _id: caseId },
      { $set: { sections: { identity: { record: 'ciphertext', envelopes: [{ recipientOrgId: ownerOrg }] } } } },
    );

    expect(
      (await call(intake, 'POST', `/cases/${caseId}/erasure`, tokens.otherAdmin, { legalBasis: 'arco_cancellation' }))
        .status,
    ).toBe(404);
    expect(
      (await call(intake, 'POST', `/cases/${caseId}/erasure`, tokens.worker, { legalBasis: 'arco_cancellation' }))
        .status,
    ).toBe(403);
    const invalid = await call(intake, 'POST', `/cases/${caseId}/erasure`, tokens.admin, { legalBasis: 'because' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect((await call(intake, 'GET', `/cases/${caseId}/erasure`, tokens.admin)).status).toBe(404);

    const erased = await call(intake, 'POST', `/cases/${caseId}/erasure`, tokens.admin, {
      legalBasis: 'arco_cancellation',
    });
    expect(erased.status).toBe(202);
    expect(erased.body).toEqual({
      caseId,
      legalBasis: 'arco_cancellation',
      erasedAt: expect.any(String) as unknown,
      confirmations: {},
      complete: false,
    });

    const tombstone = await waitFor(
      'every service confirmed its purge',
      async () => {
        const reply = await call(intake, 'GET', `/cases/${caseId}/erasure`, tokens.admin);
        return reply.body.complete === true ? reply.body : undefined;
      },
      60_000,
      250,
    );
    expect(tombstone).toEqual({
      caseId,
      legalBasis: 'arco_cancellation',
      erasedAt: erased.body.erasedAt,
      confirmations: Object.fromEntries(PURGING.map((name) => [name, expect.any(String)])),
      complete: true,
    });
    for (const service of Object.values(consumers)) {
      const reply = await knownIn(service, caseId);
      expect({ service: service.name, status: reply.status }).toEqual({ service: service.name, status: 404 });
    }

    const stored = await cases.findOne({ _id: caseId });
    expect(stored).not.toHaveProperty('sections');
    expect(stored).not.toHaveProperty('envelopes');
    expect(stored).toMatchObject({
      erasedAt: new Date(String(erased.body.erasedAt)),
      erasure: { legalBasis: 'arco_cancellation', erasedBySub: 'admin_e2e' },
    });

    const again = await call(intake, 'POST', `/cases/${caseId}/erasure`, tokens.admin, { legalBasis: 'court_order' });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect(again.body.code).toBe('CASE.ALREADY_ERASED');
    expect((await call(intake, 'GET', `/cases/${caseId}/erasure`, tokens.otherAdmin)).status).toBe(404);

    // The very case.opened message intake published, sent again as a replay would.
    const projections = (service: ServiceProcess) =>
      service.lines.filter((line) => line.msg === 'case event projected' && line.caseId === caseId);
    const before = new Map(Object.values(consumers).map((service) => [service, projections(service).length]));
    await republish(CaseOpenedV2.topic, await findMessage(CaseOpenedV2.topic, caseId));
    for (const service of Object.values(consumers)) {
      const replayed = await waitFor(
        `${service.name} processed the replay`,
        () => projections(service)[before.get(service) ?? 0],
        60_000,
        200,
      );
      expect({ service: service.name, result: replayed.result }).toEqual({ service: service.name, result: 'erased' });
      expect((await knownIn(service, caseId)).status).toBe(404);
    }
  }, 180_000);

  const logger = jsonLogger('erasure-e2e', 'error');

  async function findMessage(topic: string, key: string): Promise<KafkaMessage> {
    const [found] = await findMessages(`erasure-e2e-${run}-${topic}`, topic, key);
    return found as KafkaMessage;
  }

  async function republish(topic: string, message: KafkaMessage): Promise<void> {
    const producer = createKafka(`erasure-e2e-${run}`, kafkaBrokers(), logger, kafkaSasl()).producer({
      idempotent: true,
    });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: message.headers }],
      });
    } finally {
      await producer.disconnect();
    }
  }
});
