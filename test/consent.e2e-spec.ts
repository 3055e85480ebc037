import mongoose, { type Connection } from 'mongoose';
import { Kafka } from 'kafkajs';
import {
  CRYPTO_ERROR_CODES,
  CryptoError,
  GENESIS_CHECKPOINT,
  type KeyEnvelope,
  type OwnerAccessLogEntry,
  type SectionRecord,
  SECTIONS,
  type SectionName,
  openSection,
  rewrapForGrantee,
  rotateSection,
  sealSection,
  signConsentRecord,
  updateSection,
  toReceiptHolderEntry,
  utf8Decode,
  verifyAccessLog,
  verifyAccessLogPage,
  verifyActorSub,
  verifyConsentReceipt,
} from '@app/crypto';
import { CaseOpenedV2, ConsentRevokedV1, deadLetterTopic, type EnvelopeOf } from '@app/contracts';
import { HEADERS, headerValue } from '@app/messaging';
import { mongoUri, type ServiceProcess, testKafkaConfig, waitFor } from '@app/testing';
import { TestStack } from './support/intake-stack';
import { OrgClient } from './support/org-client';
import { consentRecord, grant } from './support/consent-builder';
import { deadLetterOneMessage, PROBE_MARKER_HEADER } from './support/dead-letter-probe';
import { readEveryTopic } from './support/every-topic';
import { OTLP_KIND, SpanReceiver } from './support/span-receiver';

const routing = {
  country: 'MX',
  regionCode: 'MX-CHP',
  needCategories: ['legal', 'shelter'],
  urgency: 'urgent',
  languages: ['es'],
};

/**
 * Organization A (a legal-aid office in Mexico) collects a case; the client
 * consents to share `legal` and `identity` with organization B (a U.S. pro
 * bono partner) and nothing else. Organization C was never granted anything.
 * Canary strings go into every section through the SDK and must appear
 * nowhere the servers keep or send anything: databases, topics, logs, and
 * the spans they export (to a collector in the test).
 */
describe('consent-scoped end-to-end encryption', () => {
  const run = `consent_${Date.now().toString(36)}`;
  const stack = new TestStack(run);
  const SERVICES = ['intake', 'legal-status', 'shelter-capacity', 'notifications'];
  const canaries = new Map<SectionName, string>(
    SECTIONS.map((section) => [section, `CANARY-${section}-${run}-Valentina-Reyes`]),
  );
  let intake: ServiceProcess;
  let intakeDb: Connection;
  let a: OrgClient;
  let b: OrgClient;
  let c: OrgClient;
  let caseId: string;
  let consentId: string;
  let receiptCode: string;
  /** The collector the services export their spans to. */
  let spans: SpanReceiver;

  beforeAll(async () => {
    spans = await SpanReceiver.start();
    await stack.start(SERVICES, { LOG_LEVEL: 'debug', CONSENT_EXPIRY_SWEEP_MS: '300', ...spans.env() });
    intake = stack.service('intake');
    intakeDb = await mongoose.createConnection(mongoUri(stack.databaseOf('intake'))).asPromise();
    const url = (): string => intake.url;
    [a, b, c] = await Promise.all([
      OrgClient.create(stack.issuer, `org_a_${run}`, url),
      OrgClient.create(stack.issuer, `org_b_${run}`, url),
      OrgClient.create(stack.issuer, `org_c_${run}`, url),
    ]);
    await Promise.all([a.registerKeys(), b.registerKeys(), c.registerKeys()]);
  }, 180_000);

  afterAll(async () => {
    await intakeDb?.close();
    await stack.stop();
    await spans?.stop();
  }, 60_000);

  async function writeSection(owner: OrgClient, section: SectionName, plaintext: string): Promise<void> {
    const { record, envelopes } = await sealSection({
      caseId,
      section,
      contentVersion: 1,
      keyVersion: 1,
      plaintext,
      author: owner.current,
      recipients: [],
    });
    await owner.ok('PUT', `/cases/${caseId}/sections/${section}`, { record, envelopes });
  }

  async function ownersCopy(section: SectionName): Promise<{ record: SectionRecord; envelope: KeyEnvelope }> {
    const result = await a.readSection(caseId, section, 'case_coordination');
    expect(result.status).toBe(200);
    return result.body;
  }

  async function decryptAs(org: OrgClient, section: SectionName, purpose = 'legal_representation'): Promise<string> {
    const result = await org.readSection(caseId, section, purpose);
    if (result.status !== 200) throw new Error(`${section}: ${result.status}`);
    const authorSigningKey = await org.signingKeyOf(result.body.record.authorOrgId);
    return utf8Decode(
      await openSection({
        record: result.body.record,
        envelope: result.body.envelope,
        myKeys: org.keys,
        authorSigningKey,
      }),
    );
  }

  it('A writes every section, consents to share legal and identity with B, and B reads exactly those two', async () => {
    caseId = String((await a.ok('POST', '/cases', { routing })).caseId);
    for (const section of SECTIONS) await writeSection(a, section, canaries.get(section) ?? '');

    const record = consentRecord({
      caseId,
      orgId: a.orgId,
      staffSub: a.sub,
      grants: [grant(b.orgId, ['legal', 'identity'])],
    });
    const recorded = await a.ok<{ consentId: string; receiptCode: string; grants: { state: string }[] }>(
      'POST',
      `/cases/${caseId}/consents`,
      { receipt: await signConsentRecord(record, a.current) },
    );
    consentId = recorded.consentId;
    receiptCode = recorded.receiptCode;
    expect(receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(recorded.grants.map((g) => g.state)).toEqual(['active']);

    for (const section of ['legal', 'identity'] as const) {
      const own = await ownersCopy(section);
      const envelope = await rewrapForGrantee({
        record: own.record,
        envelope: own.envelope,
        authorSigningKey: await a.signingKeyOf(a.orgId),
        myKeys: a.keys,
        grantee: await a.recipient(b.orgId, consentId),
      });
      await a.ok('POST', `/cases/${caseId}/sections/${section}/envelopes`, { envelopes: [envelope] });
    }

    const listed = await b.ok<{ section: string }[]>('GET', `/cases/${caseId}/sections?purpose=legal_representation`);
    expect(listed.map((entry) => entry.section).sort()).toEqual(['identity', 'legal']);
    expect(await decryptAs(b, 'legal')).toBe(canaries.get('legal'));
    expect(await decryptAs(b, 'identity')).toBe(canaries.get('identity'));
  });

  it('gives B nothing else from any endpoint, and C nothing at all', async () => {
    for (const section of SECTIONS.filter((name) => name !== 'legal' && name !== 'identity')) {
      expect((await b.readSection(caseId, section, 'legal_representation')).status).toBe(404);
    }
    // The grant's purpose is legal representation; another purpose gets nothing.
    expect((await b.readSection(caseId, 'legal', 'health_referral')).status).toBe(404);
    expect((await b.call('GET', `/cases/${caseId}/sections?purpose=health_referral`)).status).toBe(404);
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/consents`, `/cases/${caseId}/access-log`]) {
      expect((await b.call('GET', path)).status).toBe(404);
    }
    const own = await ownersCopy('health');
    const bWrites = [
      await b.call('PUT', `/cases/${caseId}/sections/legal`, { record: own.record, envelopes: [] }),
      await b.call('POST', `/cases/${caseId}/sections/health/envelopes`, { envelopes: [own.envelope] }),
      await b.call('DELETE', `/cases/${caseId}/consents/${consentId}/grants/${b.orgId}`),
      await b.call('PUT', `/cases/${caseId}/routing`, { version: 1, routing }),
    ];
    expect(bWrites.map((result) => result.status)).toEqual([404, 404, 404, 404]);
    for (const section of SECTIONS)
      expect((await c.readSection(caseId, section, 'legal_representation')).status).toBe(404);
    expect((await c.call('GET', `/cases/${caseId}/sections?purpose=legal_representation`)).status).toBe(404);

    // The server refuses to hold a data key for anyone the client did not consent to.
    const forC = await rewrapForGrantee({
      record: own.record,
      envelope: own.envelope,
      authorSigningKey: await a.signingKeyOf(a.orgId),
      myKeys: a.keys,
      grantee: await a.recipient(c.orgId),
    });
    const refused = await a.call<{ code: string }>('POST', `/cases/${caseId}/sections/health/envelopes`, {
      envelopes: [forC],
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'ENVELOPE.NO_ACTIVE_GRANT']);
    const healthForB = await rewrapForGrantee({
      record: own.record,
      envelope: own.envelope,
      authorSigningKey: await a.signingKeyOf(a.orgId),
      myKeys: a.keys,
      grantee: await a.recipient(b.orgId, consentId),
    });
    expect(
      (await a.call('POST', `/cases/${caseId}/sections/health/envelopes`, { envelopes: [healthForB] })).status,
    ).toBe(403);
  });

  it('lets the owner and the client verify the receipt and the access log, and detects an altered entry', async () => {
    const log = await a.ok<{
      entries: { actorOrg: string; actorRole: string; actorSub: string; section: string; purpose: string }[];
      head: { seq: number; hash: string };
      verification: { valid: boolean };
    }>('GET', `/cases/${caseId}/access-log`);
    expect(log.verification.valid).toBe(true);
    const byB = log.entries.filter((entry) => entry.actorOrg === b.orgId);
    expect(byB.map((entry) => entry.section)).toEqual(expect.arrayContaining(['legal', 'identity']));
    // The owner sees who read, under the role that allowed the purpose, and can check the subject's digest.
    expect(byB[0]).toMatchObject({ v: 2, actorSub: b.sub, actorRole: 'legal_staff' });
    for (const entry of log.entries) expect(await verifyActorSub(entry)).toBe(true);
    expect(await verifyAccessLog(log.entries)).toMatchObject({ valid: true });
    expect(await verifyAccessLogPage(log, GENESIS_CHECKPOINT)).toMatchObject({ valid: true, complete: true });

    const lookup = (code: string): Promise<Response> =>
      fetch(`${intake.url}/receipts/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receiptCode: code }),
      });
    const byClient = await lookup(receiptCode.toLowerCase());
    expect(byClient.status).toBe(200);
    const receipt = (await byClient.json()) as {
      caseId: string;
      receipts: unknown[];
      accessLog: { entries: unknown[]; head: unknown; verification: { valid: boolean } };
    };
    expect(receipt.caseId).toBe(caseId);
    // The client sees the organization and the role that read, never the staff member.
    expect(JSON.stringify(receipt.accessLog)).not.toContain(b.sub);
    expect(receipt.accessLog.entries).toContainEqual(
      expect.objectContaining({ actorOrg: b.orgId, actorRole: 'legal_staff', section: 'legal' }),
    );
    expect(receipt.accessLog.head).toEqual(log.head);
    expect(await verifyAccessLogPage(receipt.accessLog, GENESIS_CHECKPOINT)).toMatchObject({ valid: true });
    const signer = await c.signingKeyOf(a.orgId);
    for (const signed of receipt.receipts) await expect(verifyConsentReceipt(signed, signer)).resolves.toBeDefined();
    expect(receipt.accessLog.verification.valid).toBe(true);
    expect((await lookup('AAAA-BBBB-CCCC-DDDD')).status).toBe(404);

    const entries = intakeDb.collection('access_log');
    const target = await entries.findOne<{ _id: import('mongodb').ObjectId; seq: number; purpose: string }>({
      caseId,
      actorOrg: b.orgId,
    });
    await entries.updateOne({ _id: target?._id }, { $set: { purpose: 'health_referral' } });
    const tampered = await a.ok<{ verification: { valid: boolean; brokenAtSeq?: number } }>(
      'GET',
      `/cases/${caseId}/access-log`,
    );
    expect(tampered.verification).toMatchObject({ valid: false, brokenAtSeq: target?.seq });
    await entries.updateOne({ _id: target?._id }, { $set: { purpose: target?.purpose } });
    expect(
      (await a.ok<{ verification: { valid: boolean } }>('GET', `/cases/${caseId}/access-log`)).verification.valid,
    ).toBe(true);
  });

  it('withdrawal deletes B’s envelopes at once, retires the key version, announces consent.revoked, and B cannot open the re-keyed section', async () => {
    const before = await ownersCopy('legal');
    const bEnvelopeBefore = (await b.readSection(caseId, 'legal', 'legal_representation')).body.envelope;

    const withdrawn = await a.ok<{ state: string }>(
      'DELETE',
      `/cases/${caseId}/consents/${consentId}/grants/${b.orgId}?channel=verbal`,
    );
    expect(withdrawn.state).toBe('withdrawn');
    for (const section of ['legal', 'identity'])
      expect((await b.readSection(caseId, section, 'legal_representation')).status).toBe(404);
    expect((await b.call('GET', `/cases/${caseId}/sections?purpose=legal_representation`)).status).toBe(404);

    const stored = await intakeDb
      .collection<{
        _id: string;
        sections: Record<
          string,
          { envelopes: { recipientOrgId: string }[]; rotationRequired: boolean; retiredKeyVersions: number[] }
        >;
      }>('cases')
      .findOne({ _id: caseId });
    for (const section of ['legal', 'identity']) {
      expect(stored?.sections[section]?.envelopes.map((envelope) => envelope.recipientOrgId)).toEqual([a.orgId]);
      expect(stored?.sections[section]?.rotationRequired).toBe(true);
      expect(stored?.sections[section]?.retiredKeyVersions).toEqual([1]);
    }

    // The old key version is refused, for content and for envelopes alike.
    const sameKey = await updateSection({
      envelope: before.envelope,
      myKeys: a.keys,
      author: a.current,
      contentVersion: 2,
      plaintext: 'update under the retired key',
    });
    const refusedUpdate = await a.call<{ code: string }>('PUT', `/cases/${caseId}/sections/legal`, { record: sameKey });
    expect([refusedUpdate.status, refusedUpdate.body.code]).toEqual([409, 'SECTION.KEY_VERSION_RETIRED']);
    expect(
      (await a.call<{ code: string }>('POST', `/cases/${caseId}/sections/legal/envelopes`, { envelopes: [] })).body
        .code,
    ).toBe('SECTION.KEY_VERSION_RETIRED');

    // A rotation that still names B is refused; one for the organizations still granted is accepted.
    const authorSigningKey = await a.signingKeyOf(a.orgId);
    const withB = await rotateSection({
      record: before.record,
      envelope: before.envelope,
      myKeys: a.keys,
      authorSigningKey,
      author: a.current,
      recipients: [await a.recipient(b.orgId, consentId)],
      plaintext: `${canaries.get('legal')}-v2`,
    });
    expect((await a.call('PUT', `/cases/${caseId}/sections/legal`, withB)).status).toBe(403);
    const rotated = await rotateSection({
      record: before.record,
      envelope: before.envelope,
      myKeys: a.keys,
      authorSigningKey,
      author: a.current,
      recipients: [],
      plaintext: `${canaries.get('legal')}-v2`,
    });
    expect(await a.ok('PUT', `/cases/${caseId}/sections/legal`, rotated)).toMatchObject({
      keyVersion: 2,
      contentVersion: 2,
      recipients: [a.orgId],
    });

    // Even holding the new ciphertext (a leak, a backup) and its old envelope, B cannot decrypt the new version:
    // as it is, the envelope names the old key version; relabelled to the new one, it still unseals only the
    // old data key, which does not decrypt content sealed under a new one.
    const leaked = (await ownersCopy('legal')).record;
    await expect(
      openSection({ record: leaked, envelope: bEnvelopeBefore, myKeys: b.keys, authorSigningKey }),
    ).rejects.toBeInstanceOf(CryptoError);
    const relabelled = { ...bEnvelopeBefore, keyVersion: leaked.keyVersion };
    await expect(
      openSection({ record: leaked, envelope: relabelled, myKeys: b.keys, authorSigningKey }),
    ).rejects.toMatchObject({ code: CRYPTO_ERROR_CODES.DECRYPTION_FAILED });
    expect(await decryptAs(a, 'legal', 'case_coordination')).toBe(`${canaries.get('legal')}-v2`);

    const revoked = await eventsFor<EnvelopeOf<typeof ConsentRevokedV1>>(ConsentRevokedV1.topic, caseId, 1);
    expect(revoked[0]?.data).toMatchObject({ caseId, consentId, granteeOrgId: b.orgId });
    expect(revoked[0]?.data.retiredKeyVersions).toHaveLength(2);
    expect(revoked[0]?.data.retiredKeyVersions).toEqual(
      expect.arrayContaining([
        { section: 'legal', keyVersion: 1 },
        { section: 'identity', keyVersion: 1 },
      ]),
    );
    expect(revoked[0]?.data.sections.sort()).toEqual(['identity', 'legal']);
  }, 60_000);

  it('ends a grant at validUntil with no one acting, then sweeps its envelopes and announces consent.expired', async () => {
    const record = consentRecord({
      caseId,
      orgId: a.orgId,
      staffSub: a.sub,
      grants: [
        grant(c.orgId, ['needs'], {
          purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
          validForMs: 3_000,
        }),
      ],
    });
    const recorded = await a.ok<{ consentId: string }>('POST', `/cases/${caseId}/consents`, {
      receipt: await signConsentRecord(record, a.current),
    });
    const own = await ownersCopy('needs');
    await a.ok('POST', `/cases/${caseId}/sections/needs/envelopes`, {
      envelopes: [
        await rewrapForGrantee({
          record: own.record,
          envelope: own.envelope,
          authorSigningKey: await a.signingKeyOf(a.orgId),
          myKeys: a.keys,
          grantee: await a.recipient(c.orgId, recorded.consentId),
        }),
      ],
    });
    expect(await decryptAs(c, 'needs', 'shelter_placement')).toBe(canaries.get('needs'));

    await waitFor(
      'grant expired',
      async () => ((await c.readSection(caseId, 'needs', 'shelter_placement')).status === 404 ? true : undefined),
      10_000,
      200,
    );
    const expired = await eventsFor<{ data: { granteeOrgId: string; sections: string[] } }>(
      'intake.consent.expired.v1',
      caseId,
      1,
    );
    expect(expired[0]?.data).toMatchObject({ granteeOrgId: c.orgId, sections: ['needs'] });
    const stored = await intakeDb
      .collection<{
        _id: string;
        sections: Record<string, { envelopes: { recipientOrgId: string }[]; rotationRequired: boolean }>;
      }>('cases')
      .findOne({ _id: caseId });
    expect(stored?.sections.needs?.envelopes.map((envelope) => envelope.recipientOrgId)).toEqual([a.orgId]);
    expect(stored?.sections.needs?.rotationRequired).toBe(true);
  }, 60_000);

  it('a new consent version that narrows a grant withdraws exactly what it drops', async () => {
    const v1 = consentRecord({
      caseId,
      orgId: a.orgId,
      staffSub: a.sub,
      grants: [grant(b.orgId, ['family', 'contact'])],
    });
    const recorded = await a.ok<{ consentId: string }>('POST', `/cases/${caseId}/consents`, {
      receipt: await signConsentRecord(v1, a.current),
    });
    for (const section of ['family', 'contact'] as const) {
      const own = await ownersCopy(section);
      await a.ok('POST', `/cases/${caseId}/sections/${section}/envelopes`, {
        envelopes: [
          await rewrapForGrantee({
            record: own.record,
            envelope: own.envelope,
            authorSigningKey: await a.signingKeyOf(a.orgId),
            myKeys: a.keys,
            grantee: await a.recipient(b.orgId, recorded.consentId),
          }),
        ],
      });
    }
    expect(await decryptAs(b, 'family')).toBe(canaries.get('family'));

    const v2 = consentRecord({
      caseId,
      orgId: a.orgId,
      staffSub: a.sub,
      consentId: recorded.consentId,
      version: 2,
      grants: [grant(b.orgId, ['contact'])],
    });
    const second = await a.ok<{ version: number; receiptCode?: string }>('POST', `/cases/${caseId}/consents`, {
      receipt: await signConsentRecord(v2, a.current),
    });
    expect(second.version).toBe(2);
    expect(second.receiptCode).toBeUndefined();
    const replayed = await a.call<{ code: string }>('POST', `/cases/${caseId}/consents`, {
      receipt: await signConsentRecord(v2, a.current),
    });
    expect([replayed.status, replayed.body.code]).toEqual([409, 'CONSENT.VERSION_CONFLICT']);

    expect((await b.readSection(caseId, 'family', 'legal_representation')).status).toBe(404);
    expect(await decryptAs(b, 'contact')).toBe(canaries.get('contact'));
    const consents = await a.ok<
      {
        consentId: string;
        currentVersion: number;
        receipts: unknown[];
        grants: { consentVersion: number; state: string }[];
      }[]
    >('GET', `/cases/${caseId}/consents`);
    const narrowed = consents.find((consent) => consent.consentId === recorded.consentId);
    expect(narrowed?.currentVersion).toBe(2);
    expect(narrowed?.receipts).toHaveLength(2);
    expect(narrowed?.grants.map((g) => [g.consentVersion, g.state])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    const sections = await a.ok<{ section: string; rotationRequired: boolean }[]>(
      'GET',
      `/cases/${caseId}/sections?purpose=case_coordination`,
    );
    expect(sections.find((entry) => entry.section === 'family')?.rotationRequired).toBe(true);
    expect(sections.find((entry) => entry.section === 'contact')?.rotationRequired).toBe(false);
    const revoked = await eventsFor<EnvelopeOf<typeof ConsentRevokedV1>>(ConsentRevokedV1.topic, caseId, 2);
    expect(revoked.find((event) => event.data.consentId === recorded.consentId)?.data.sections).toEqual(['family']);
  }, 60_000);

  it('leaves no canary in any MongoDB collection, any Kafka topic (dead-letter topics too), any service log or any span', async () => {
    const leaks: string[] = [];
    // Positive control: the case id is not secret and must show up in each place, or the scan is looking at nothing.
    const caseIdSeenIn = new Set<string>();
    const scan = (where: string, text: string): void => {
      for (const canary of canaries.values())
        if (text.includes(canary) || text.includes(canary.slice(0, 20))) leaks.push(where);
      if (text.includes(caseId)) caseIdSeenIn.add(where.split(/[.:]/)[0] ?? where);
    };
    const kafka = new Kafka(testKafkaConfig(`canary-scan-${run}`));
    // A message about the case that every case-directory service dead-letters, so the dead-letter scan reads one.
    const marker = `canary-scan-${run}`;
    await deadLetterOneMessage(kafka, { topic: CaseOpenedV2.topic, key: caseId, marker, consumers: 3 });
    // A request that carries what spans must not: the case id in the path, a purpose in the query, a user agent
    // and a forged client address.
    const userAgent = `canary-agent-${run}`;
    const forgedAddress = '203.0.113.77';
    const probe = await fetch(`${intake.url}/cases/${caseId}/sections/legal?purpose=case_coordination`, {
      headers: {
        authorization: `Bearer ${await stack.issuer.mint({ sub: a.sub, org: a.orgId, roles: ['intake_worker', 'org_admin'] })}`,
        'user-agent': userAgent,
        'x-forwarded-for': forgedAddress,
      },
    });
    expect(probe.status).toBe(200);

    const documentsOf = async (name: string): Promise<{ where: string; text: string }[]> => {
      const connection = await mongoose.createConnection(mongoUri(name)).asPromise();
      const found: { where: string; text: string }[] = [];
      for (const collection of await connection.db!.listCollections().toArray()) {
        for (const document of await connection.collection(collection.name).find().toArray())
          found.push({ where: `${name}.${collection.name}`, text: JSON.stringify(document) });
      }
      await connection.close();
      return found;
    };
    // The consumers apply events asynchronously: scan their databases once each holds the case, not before.
    for (const service of SERVICES.slice(1)) {
      await waitFor(
        `${service} stored the case`,
        async () =>
          (await documentsOf(stack.databaseOf(service))).some(({ text }) => text.includes(caseId)) ? true : undefined,
        30_000,
        200,
      );
    }
    for (const name of SERVICES.map((service) => stack.databaseOf(service))) {
      for (const { where, text } of await documentsOf(name)) scan(where, text);
    }
    const deadLetteredBy = new Set<string>();
    const topics = await readEveryTopic(kafka, `canary-scan-${run}`, (topic, message) => {
      scan(
        `kafka:${topic}`,
        `${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${JSON.stringify(message.headers ?? {})}`,
      );
      if (headerValue(message.headers, PROBE_MARKER_HEADER) === marker && topic.endsWith('.dlq'))
        deadLetteredBy.add(headerValue(message.headers, HEADERS.dlqConsumerGroup) ?? '?');
    });
    for (const service of SERVICES) scan(`${service} log`, stack.service(service).rawOutput.join('\n'));

    // Spans: wait until each service has exported its part of the case's trace, and the probe's server span.
    const spansSeen = (): true | undefined => {
      const of = (service: string, kind: number) =>
        spans.spans.filter((received) => received.service === service && received.span.kind === kind);
      const intakeServer = of('intake', OTLP_KIND.server);
      const requestTraces = new Set(intakeServer.map(({ span }) => span.traceId));
      const probeSeen = intakeServer.some(({ span }) => span.name === 'GET /cases/:caseId/sections/:section');
      // One trace runs from a request to intake through each consumer: propagation still works end to end.
      const consumersInTrace = SERVICES.slice(1).every((service) =>
        of(service, OTLP_KIND.consumer).some(({ span }) => requestTraces.has(span.traceId)),
      );
      return probeSeen && of('intake', OTLP_KIND.producer).length > 0 && consumersInTrace ? true : undefined;
    };
    await waitFor('every service exported its spans', spansSeen, 30_000, 200);
    for (const { path, text } of spans.bodies) scan(`otlp:${path}`, text);
    // Beyond canaries: no span says which case, which section or purpose, or who asked and from where.
    const spanLeaks = spans.bodies.flatMap(({ path, text }) =>
      [caseId, '/sections/legal', 'purpose=', 'case_coordination', userAgent, forgedAddress]
        .filter((secret) => text.includes(secret))
        .map((secret) => `${path}: ${secret}`),
    );

    expect([...topics.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    // The dead-letter topics were read, and held the copies every case-directory service made.
    expect([...topics.keys()]).toContain(deadLetterTopic(CaseOpenedV2.topic));
    expect([...deadLetteredBy].sort()).toEqual(SERVICES.slice(1).sort());
    expect([...spans.servicesSeen()].sort()).toEqual([...SERVICES].sort());
    // Every consuming service learned of the case (so its database and log were worth scanning).
    const consumers = SERVICES.slice(1);
    expect([...caseIdSeenIn]).toEqual(
      expect.arrayContaining([
        'kafka',
        stack.databaseOf('intake'),
        ...consumers.map((service) => stack.databaseOf(service)),
        ...consumers.map((service) => `${service} log`),
      ]),
    );
    expect(leaks).toEqual([]);
    expect(spanLeaks).toEqual([]);
  }, 180_000);

  /** The events of one case on a topic, read from the beginning by a throwaway consumer group. */
  async function eventsFor<T>(topic: string, aggregateId: string, atLeast: number): Promise<T[]> {
    const kafka = new Kafka(testKafkaConfig(`consent-e2e-${run}`));
    const consumer = kafka.consumer({ groupId: `consent-e2e-${run}-${topic}-${Date.now()}` });
    const found: T[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (message.key?.toString() === aggregateId) found.push(JSON.parse(message.value?.toString() ?? '{}') as T);
        return Promise.resolve();
      },
    });
    try {
      await waitFor(`${topic} for ${aggregateId}`, () => (found.length >= atLeast ? true : undefined), 30_000, 200);
    } finally {
      await consumer.disconnect();
    }
    return found;
  }

  // Last: it erases the case the tests above share.
  it('keeps the access log readable after erasure, by the owner and by the receipt holder only', async () => {
    const before = await a.ok<{ entries: OwnerAccessLogEntry[] }>('GET', `/cases/${caseId}/access-log`);
    expect(before.entries.length).toBeGreaterThan(0);
    const erased = await a.call('POST', `/cases/${caseId}/erasure`, { legalBasis: 'arco_cancellation' });
    expect(erased.status).toBe(202);

    const afterwards = await a.ok<{ entries: unknown[]; head: unknown; verification: { valid: boolean } }>(
      'GET',
      `/cases/${caseId}/access-log`,
    );
    const newest = before.entries.at(-1);
    expect(afterwards).toEqual({
      entries: before.entries,
      head: { seq: newest?.seq, hash: newest?.hash },
      verification: { valid: true, checked: before.entries.length },
    });
    expect((await b.call('GET', `/cases/${caseId}/access-log`)).status).toBe(404);
    expect((await c.call('GET', `/cases/${caseId}/access-log`)).status).toBe(404);

    const byClient = await fetch(`${intake.url}/receipts/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptCode }),
    });
    expect(byClient.status).toBe(200);
    const receipt = (await byClient.json()) as Record<string, unknown>;
    expect(receipt).toEqual({
      caseId,
      erasure: { erasedAt: expect.any(String) as unknown, legalBasis: 'arco_cancellation' },
      accessLog: { ...afterwards, entries: before.entries.map(toReceiptHolderEntry) },
    });
    const stored = await intakeDb.collection('cases').findOne({ _id: caseId as never });
    expect(stored).not.toHaveProperty('consents');
  });
});
