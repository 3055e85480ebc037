import { z } from 'zod';
import {
  CaseOpenedV2,
  DEAD_LETTER_RETENTION_DAYS,
  EVENT_CONTRACTS,
  NEED_CATEGORIES,
  contractForTopic,
  deadLetterTopic,
  routing,
  topicSpecsOf,
  uuidv7,
  UUID_V7,
} from './index';

function validEnvelope(): Record<string, unknown> {
  return {
    eventId: uuidv7(),
    type: 'intake.case.opened',
    version: 2,
    aggregateId: 'case_0000000001',
    sequence: 1,
    occurredAt: new Date().toISOString(),
    producer: 'intake',
    correlationId: 'corr-12345678',
    causationId: null,
    data: { caseId: 'case_0000000001', ownerOrgId: 'org_a' },
  };
}

describe('event contracts', () => {
  it('name topics <type>.v<version> and are unique', () => {
    expect(CaseOpenedV2.topic).toBe('intake.case.opened.v2');
    expect(new Set(EVENT_CONTRACTS.map((c) => c.topic)).size).toBe(EVENT_CONTRACTS.length);
    expect(contractForTopic('intake.case.opened.v2')).toBe(CaseOpenedV2);
    expect(deadLetterTopic(CaseOpenedV2.topic)).toBe('intake.case.opened.v2.dlq');
  });

  it('declare how long the broker keeps each topic and its dead letters', () => {
    for (const contract of EVENT_CONTRACTS) {
      const [topic, deadLetters] = topicSpecsOf(contract);
      expect(topic).toEqual({ topic: contract.topic, retentionMs: contract.retentionDays * 86_400_000 });
      expect(deadLetters).toEqual({
        topic: deadLetterTopic(contract.topic),
        retentionMs: DEAD_LETTER_RETENTION_DAYS * 86_400_000,
      });
    }
  });

  it('accept a valid envelope', () => {
    expect(CaseOpenedV2.envelope.safeParse(validEnvelope()).success).toBe(true);
  });

  it('carry no routing in any event', () => {
    for (const contract of EVENT_CONTRACTS)
      expect(JSON.stringify(z.toJSONSchema(contract.data, { target: 'draft-7' }))).not.toMatch(
        /routing|regionCode|needCategories|languages|urgency/,
      );
  });

  it.each([
    [
      'an unknown field in data',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), name: 'Maria' } }),
    ],
    ['an unknown envelope field', (e: Record<string, unknown>) => ({ ...e, extra: 1 })],
    [
      'routing, even coarse',
      (e: Record<string, unknown>) => ({
        ...e,
        data: {
          ...(e.data as object),
          routing: {
            country: 'MX',
            regionCode: 'MX-CHP',
            needCategories: ['legal'],
            urgency: 'urgent',
            languages: ['es'],
          },
        },
      }),
    ],
    ['version 1', (e: Record<string, unknown>) => ({ ...e, version: 1 })],
    ['a non-v7 event id', (e: Record<string, unknown>) => ({ ...e, eventId: '123e4567-e89b-42d3-a456-426614174000' })],
    ['sequence zero', (e: Record<string, unknown>) => ({ ...e, sequence: 0 })],
    ['another type', (e: Record<string, unknown>) => ({ ...e, type: 'intake.case.closed' })],
    [
      'a caseId that is not the aggregateId',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), caseId: 'case_0000000002' } }),
    ],
  ])('reject %s', (_name, mutate) => {
    expect(CaseOpenedV2.envelope.safeParse(mutate(validEnvelope())).success).toBe(false);
  });
});

describe('routing vocabulary', () => {
  const coarse = {
    country: 'MX',
    regionCode: 'MX-CHP',
    needCategories: ['shelter', 'health'],
    urgency: 'urgent',
    languages: ['es'],
  };

  it('accepts the coarse categories', () => {
    expect(routing.safeParse(coarse).success).toBe(true);
    expect(NEED_CATEGORIES).toEqual(['legal', 'shelter', 'health', 'protection', 'interpretation']);
  });

  it.each(['health:hiv_care', 'shelter:trans_women', 'shelter:lgbtqi_safe', 'story: fled after attack'])(
    'refuses the specific need %s, which belongs in encrypted content',
    (specific) => {
      expect(routing.safeParse({ ...coarse, needCategories: [specific] }).success).toBe(false);
    },
  );

  it('refuses the old needs field and repeated categories', () => {
    expect(routing.safeParse({ ...coarse, needs: ['legal:asylum_mx'] }).success).toBe(false);
    expect(routing.safeParse({ ...coarse, needCategories: ['legal', 'legal'] }).success).toBe(false);
  });

  it('make time-ordered UUIDv7 ids', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(UUID_V7);
    expect(a < b).toBe(true);
  });
});
