import { type KafkaMessage, type Message } from 'kafkajs';
import {
  CaseErasedV1,
  CaseOpenedV2,
  CasePurgedV1,
  ConsentExpiredV1,
  ConsentRevokedV1,
  deadLetterTopic,
  type EventContract,
} from '@app/contracts';
import { buildEvent, createKafka, HEADERS, headerValue } from '@app/messaging';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers, waitFor, kafkaSasl } from '@app/testing';
import { TestStack } from './support/intake-stack';

const SERVICES = ['intake', 'legal-status', 'shelter-capacity', 'notifications'] as const;
const CASE_DIRECTORY = ['legal-status', 'shelter-capacity', 'notifications'] as const;

/**
 * Who consumes which topic (the services' @OnEvent handlers): intake reads
 * its own consent and erasure events too, to end the referrals they no
 * longer allow.
 */
const CONSUMED: { contract: EventContract; groups: readonly string[] }[] = [
  { contract: CaseOpenedV2, groups: CASE_DIRECTORY },
  { contract: ConsentRevokedV1, groups: ['intake'] },
  { contract: ConsentExpiredV1, groups: ['intake'] },
  { contract: CaseErasedV1, groups: [...CASE_DIRECTORY, 'intake'] },
  { contract: CasePurgedV1, groups: ['intake'] },
];

interface BadMessage {
  name: string;
  value: string | null;
  reason: 'MALFORMED_JSON' | 'SCHEMA_INVALID' | 'PRODUCER_MISMATCH';
}

/**
 * Bad input over Kafka, against the running services: on every topic a
 * service consumes, messages that are not JSON, not an envelope, the wrong
 * event type, or the right type with a bad field. Each consuming service must
 * move each of them to `<topic>.dlq` with the reason, process the valid event
 * queued behind them on the same partition, stay ready, and never write the
 * bad values (which carry a canary) to its log.
 */
describe('bad input over Kafka (all four services)', () => {
  const run = Date.now().toString(36);
  const stack = new TestStack(`kafka_bad_${run}`);
  const logger = jsonLogger('kafka-bad-input-e2e', 'error');
  const kafka = createKafka(`kafka-bad-input-${run}`, kafkaBrokers(), logger, kafkaSasl());
  const canary = `CANARY-kafka-${run}-Alejandra-Cruz`;
  const ownerOrg = `org_kafka_${run}`;

  beforeAll(async () => {
    await stack.start(SERVICES, { CONSUMER_RETRY_BASE_MS: '50' });
  }, 180_000);

  afterAll(() => stack.stop(), 60_000);

  function badMessages(contract: EventContract, caseId: string): BadMessage[] {
    const valid = JSON.parse(validEvent(contract, caseId).value) as Record<string, unknown>;
    const otherType = contract === CaseErasedV1 ? CaseOpenedV2 : CaseErasedV1;
    return [
      { name: 'not JSON', value: `{"caseId": "${canary}"`, reason: 'MALFORMED_JSON' },
      { name: 'empty value (a tombstone)', value: null, reason: 'MALFORMED_JSON' },
      { name: 'JSON, not an envelope', value: JSON.stringify({ note: canary }), reason: 'SCHEMA_INVALID' },
      { name: 'another event type', value: validEvent(otherType, caseId).value, reason: 'SCHEMA_INVALID' },
      {
        name: 'a bad field',
        value: JSON.stringify({ ...valid, data: { ...(valid.data as object), caseId: `${canary}!` } }),
        reason: 'SCHEMA_INVALID',
      },
      {
        name: 'an unknown field',
        value: JSON.stringify({ ...valid, data: { ...(valid.data as object), note: canary } }),
        reason: 'SCHEMA_INVALID',
      },
      {
        name: 'a payload about another case than the key and aggregateId',
        value: JSON.stringify({ ...valid, data: { ...(valid.data as object), caseId: canary } }),
        reason: 'SCHEMA_INVALID',
      },
      {
        // A forged erasure or purge confirmation: well-formed, but from a service that does not publish it.
        name: 'a producer the contract does not name',
        value: JSON.stringify({ ...valid, producer: contract === CasePurgedV1 ? 'intake' : 'legal-status' }),
        reason: 'PRODUCER_MISMATCH',
      },
    ];
  }

  function validEvent(contract: EventContract, caseId: string): { value: string } {
    const origin = { producer: contract === CasePurgedV1 ? 'legal-status' : 'intake', correlationId: `corr-${run}` };
    if (contract === CaseOpenedV2) return buildEvent(CaseOpenedV2, caseId, 1, { caseId, ownerOrgId: ownerOrg }, origin);
    const ended = { caseId, consentId: `consent_${run}`, granteeOrgId: 'org_partner', sections: ['legal' as const] };
    if (contract === ConsentRevokedV1)
      return buildEvent(
        ConsentRevokedV1,
        caseId,
        2,
        { ...ended, retiredKeyVersions: [], withdrawnAt: new Date().toISOString() },
        origin,
      );
    if (contract === ConsentExpiredV1)
      return buildEvent(ConsentExpiredV1, caseId, 2, { ...ended, expiredAt: new Date().toISOString() }, origin);
    if (contract === CaseErasedV1)
      return buildEvent(
        CaseErasedV1,
        caseId,
        3,
        { caseId, ownerOrgId: ownerOrg, legalBasis: 'arco_cancellation', erasedAt: new Date().toISOString() },
        origin,
      );
    return buildEvent(
      CasePurgedV1,
      caseId,
      1,
      { caseId, service: 'legal-status', purgedAt: new Date().toISOString() },
      origin,
    );
  }

  it('dead-letters every bad message with its reason in every consuming service, and processes the event behind them', async () => {
    const caseId = `case_kafkabad${run}`;
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const sent = new Map<string, { topic: string; bad: BadMessage }>();
    try {
      // Topic by topic, so the case is opened before it is erased; one key, so one partition.
      for (const { contract } of CONSUMED) {
        const bad = badMessages(contract, caseId);
        const messages: Message[] = bad.map((message, index) => {
          const marker = `${contract.topic}#${index}`;
          sent.set(marker, { topic: contract.topic, bad: message });
          return { key: caseId, value: message.value, headers: { 'test-marker': marker } };
        });
        messages.push({ key: caseId, value: validEvent(contract, caseId).value });
        await producer.send({ topic: contract.topic, acks: -1, messages });
        if (contract === CaseOpenedV2) await waitForKnownCase(caseId, 200);
        if (contract === CaseErasedV1) await waitForKnownCase(caseId, 404);
      }
    } finally {
      await producer.disconnect();
    }

    const expected = CONSUMED.flatMap(({ contract, groups }) =>
      groups.flatMap((group) => badMessages(contract, caseId).map((_, index) => `${group} ${contract.topic}#${index}`)),
    );
    const letters = await deadLetters(
      CONSUMED.map(({ contract }) => deadLetterTopic(contract.topic)),
      expected.length,
    );
    // At-least-once: a rebalance may copy a message twice, so compare the distinct (group, message) pairs.
    const seen = new Set(
      letters.map(
        (letter) =>
          `${headerValue(letter.headers, HEADERS.dlqConsumerGroup) ?? '?'} ${headerValue(letter.headers, 'test-marker') ?? '?'}`,
      ),
    );
    expect([...seen].sort()).toEqual([...expected].sort());
    for (const letter of letters) {
      const marker = headerValue(letter.headers, 'test-marker') ?? '';
      const original = sent.get(marker);
      expect({
        marker,
        reason: headerValue(letter.headers, HEADERS.dlqReason),
        topic: headerValue(letter.headers, HEADERS.dlqOriginalTopic),
      }).toEqual({ marker, reason: original?.bad.reason, topic: original?.topic });
      // The copy keeps the original bytes, so an operator can fix and replay it.
      expect(letter.value?.toString('utf8') ?? null).toEqual(original?.bad.value === null ? null : original?.bad.value);
      expect(headerValue(letter.headers, HEADERS.dlqDetail)).not.toContain(canary);
    }

    // The intake's purge confirmation behind the bad ones was processed as well: nothing is stuck, every service is
    // ready.
    for (const name of SERVICES) expect((await fetch(`${stack.service(name).url}/ready`)).status).toBe(200);
    for (const name of SERVICES)
      expect(stack.service(name).rawOutput.filter((line) => line.includes(canary))).toEqual([]);
  }, 180_000);

  async function knownCaseStatus(service: string, caseId: string): Promise<{ status: number }> {
    const token = await stack.issuer.mint({ sub: 'reader', org: ownerOrg, roles: ['legal_staff'] });
    const response = await fetch(`${stack.service(service).url}/known-cases/${caseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.body?.cancel();
    return { status: response.status };
  }

  async function waitForKnownCase(caseId: string, status: number): Promise<void> {
    for (const service of CASE_DIRECTORY)
      await waitFor(
        `${service} answers ${status} for the case`,
        async () => (await knownCaseStatus(service, caseId)).status === status,
        60_000,
        200,
      );
  }

  async function deadLetters(topics: string[], atLeast: number): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: `kafka-bad-input-dlq-${run}` });
    await consumer.connect();
    const found: KafkaMessage[] = [];
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          if (
            headerValue(message.headers, 'test-marker') !== undefined &&
            message.key?.toString() === `case_kafkabad${run}`
          )
            found.push(message);
          return Promise.resolve();
        },
      });
      const distinct = (): number =>
        new Set(
          found.map(
            (message) =>
              `${headerValue(message.headers, HEADERS.dlqConsumerGroup) ?? ''} ${headerValue(message.headers, 'test-marker') ?? ''}`,
          ),
        ).size;
      return await waitFor(`${atLeast} dead letters`, () => (distinct() >= atLeast ? found : undefined), 90_000, 200);
    } finally {
      await consumer.disconnect();
    }
  }
});
