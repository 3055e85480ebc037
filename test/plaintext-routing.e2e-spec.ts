import mongoose from 'mongoose';
import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { EVENT_CONTRACTS, topicSpecsOf } from '@app/contracts';
import { mongoUri, testKafkaConfig, waitFor } from '@app/testing';
import { TestStack } from './support/intake-stack';

const SERVICES = ['intake', 'legal-status', 'shelter-capacity', 'notifications'] as const;
const CASE_DIRECTORY = SERVICES.slice(1);
/** What a consuming service may keep of a case: who owns it, and the bookkeeping that applies each event once. */
const KNOWN_CASE_FIELDS = ['_id', 'eventsReceived', 'lastSequence', 'ownerOrgId', 'received', 'updatedAt'];

const coarse = {
  country: 'MX',
  regionCode: 'MX-BCN',
  needCategories: ['shelter', 'health', 'legal'],
  urgency: 'critical',
  languages: ['es', 'en'],
};

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Routing is the one part of a case intake sees in plaintext, and a topic or
 * another service's database is out of erasure's reach. So routing holds
 * coarse categories only (the specific need, such as HIV care or a
 * trans-women-only shelter, is encrypted content), it stays in intake, and
 * every topic keeps its messages only as long as its contract says.
 */
describe('plaintext routing (all four services)', () => {
  const run = Date.now().toString(36);
  const stack = new TestStack(`routing_${run}`);
  const ownerOrg = `org_routing_${run}`;
  let token = '';

  beforeAll(async () => {
    await stack.start(SERVICES);
    token = await stack.issuer.mint({ sub: 'worker_routing', org: ownerOrg, roles: ['intake_worker'] });
  }, 180_000);

  afterAll(() => stack.stop(), 60_000);

  async function call(service: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${stack.service(service).url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('refuses specific needs in routing and changes nothing', async () => {
    const refusals = [
      { ...coarse, needCategories: ['health:hiv_care'] },
      { ...coarse, needCategories: ['shelter:trans_women'] },
      { ...coarse, needCategories: ['shelter', 'shelter:lgbtqi_safe'] },
      { ...coarse, needs: ['legal:asylum_mx'] },
    ];
    for (const routing of refusals) {
      const refused = await call('intake', 'POST', '/cases', { routing });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
      });
      expect(JSON.stringify(refused.body)).not.toMatch(/hiv_care|trans_women|lgbtqi_safe/);
    }
    const intake = await mongoose.createConnection(mongoUri(stack.databaseOf('intake'))).asPromise();
    try {
      expect(await intake.collection('cases').countDocuments({ ownerOrgId: ownerOrg })).toBe(0);
    } finally {
      await intake.close();
    }
  });

  it('keeps routing in intake: no event carries it and no other service stores it', async () => {
    const opened = await call('intake', 'POST', '/cases', { routing: coarse });
    expect(opened.status).toBe(201);
    expect(opened.body.routing).toEqual(coarse);
    const caseId = String(opened.body.caseId);
    const moved = await call('intake', 'PUT', `/cases/${caseId}/routing`, {
      version: opened.body.version,
      routing: { ...coarse, regionCode: 'MX-SON', needCategories: ['protection'] },
    });
    expect(moved.status).toBe(200);

    for (const service of CASE_DIRECTORY) {
      await waitFor(
        `${service} knows the case`,
        async () => ((await call(service, 'GET', `/known-cases/${caseId}`)).status === 200 ? true : undefined),
        60_000,
        200,
      );
      const view = await call(service, 'GET', `/known-cases/${caseId}`);
      expect(Object.keys(view.body).sort()).toEqual([
        'caseId',
        'eventsReceived',
        'ownerOrgId',
        'sequence',
        'updatedAt',
      ]);
      const database = await mongoose.createConnection(mongoUri(stack.databaseOf(service))).asPromise();
      try {
        const stored = await database.collection('known_cases').findOne({ _id: caseId as never });
        expect({ service, fields: Object.keys(stored ?? {}).sort() }).toEqual({ service, fields: KNOWN_CASE_FIELDS });
      } finally {
        await database.close();
      }
    }

    const events = await messagesKeyedBy(caseId);
    expect(events.map((event) => event.topic)).toEqual(['intake.case.opened.v2']);
    for (const event of events) {
      const envelope = JSON.parse(event.value) as { data: Record<string, unknown> };
      expect(Object.keys(envelope.data).sort()).toEqual(['caseId', 'ownerOrgId']);
      expect(event.value).not.toMatch(/regionCode|needCategories|MX-BCN|MX-SON/);
    }
  }, 120_000);

  it('gives every topic and dead-letter topic the retention its contract declares', async () => {
    const specs = EVENT_CONTRACTS.flatMap(topicSpecsOf);
    const admin = new Kafka(testKafkaConfig(`routing-${run}`)).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: specs.map((spec) => ({
          type: ConfigResourceTypes.TOPIC,
          name: spec.topic,
          configNames: ['retention.ms'],
        })),
      });
      const held = new Map(resources.map((resource) => [resource.resourceName, resource.configEntries[0]]));
      for (const spec of specs)
        expect({ topic: spec.topic, retentionMs: held.get(spec.topic)?.configValue }).toEqual({
          topic: spec.topic,
          retentionMs: String(spec.retentionMs),
        });
    } finally {
      await admin.disconnect();
    }
  });

  /** Every message on every topic whose key is `key`, read up to each partition's end as it is now. */
  async function messagesKeyedBy(key: string): Promise<{ topic: string; value: string }[]> {
    const kafka = new Kafka(testKafkaConfig(`routing-scan-${run}`));
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    let expected = 0;
    for (const topic of topics)
      for (const partition of await admin.fetchTopicOffsets(topic))
        expected += Number(partition.high) - Number(partition.low);
    await admin.disconnect();
    const found: { topic: string; value: string }[] = [];
    let seen = 0;
    const consumer = kafka.consumer({ groupId: `routing-scan-${run}-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        seen += 1;
        if (message.key?.toString() === key) found.push({ topic, value: message.value?.toString() ?? '' });
        return Promise.resolve();
      },
    });
    try {
      await waitFor('every message read', () => (seen >= expected ? true : undefined), 60_000, 200);
    } finally {
      await consumer.disconnect();
    }
    return found;
  }
});
