import { CaseOpenedV1, EVENT_CONTRACTS, contractForTopic, deadLetterTopic, uuidv7, UUID_V7 } from './index';

function validEnvelope(): Record<string, unknown> {
  return {
    eventId: uuidv7(),
    type: 'intake.case.opened',
    version: 1,
    aggregateId: 'case_0000000001',
    sequence: 1,
    occurredAt: new Date().toISOString(),
    producer: 'intake',
    correlationId: 'corr-12345678',
    causationId: null,
    data: {
      caseId: 'case_0000000001',
      ownerOrgId: 'org_a',
      routing: {
        country: 'MX',
        regionCode: 'MX-CHP',
        needs: ['legal:asylum_mx'],
        urgency: 'urgent',
        languages: ['es'],
      },
    },
  };
}

describe('event contracts', () => {
  it('name topics <type>.v<version> and are unique', () => {
    expect(CaseOpenedV1.topic).toBe('intake.case.opened.v1');
    expect(new Set(EVENT_CONTRACTS.map((c) => c.topic)).size).toBe(EVENT_CONTRACTS.length);
    expect(contractForTopic('intake.case.opened.v1')).toBe(CaseOpenedV1);
    expect(deadLetterTopic(CaseOpenedV1.topic)).toBe('intake.case.opened.v1.dlq');
  });

  it('accept a valid envelope', () => {
    expect(CaseOpenedV1.envelope.safeParse(validEnvelope()).success).toBe(true);
  });

  it.each([
    [
      'an unknown field in data',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), name: 'Maria' } }),
    ],
    ['an unknown envelope field', (e: Record<string, unknown>) => ({ ...e, extra: 1 })],
    [
      'a free-form need',
      (e: Record<string, unknown>) => ({
        ...e,
        data: {
          ...(e.data as object),
          routing: {
            country: 'MX',
            regionCode: 'MX-CHP',
            needs: ['story: fled after attack'],
            urgency: 'urgent',
            languages: ['es'],
          },
        },
      }),
    ],
    ['a non-v7 event id', (e: Record<string, unknown>) => ({ ...e, eventId: '123e4567-e89b-42d3-a456-426614174000' })],
    ['sequence zero', (e: Record<string, unknown>) => ({ ...e, sequence: 0 })],
    ['another type', (e: Record<string, unknown>) => ({ ...e, type: 'intake.case.closed' })],
    [
      'a caseId that is not the aggregateId',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), caseId: 'case_0000000002' } }),
    ],
  ])('reject %s', (_name, mutate) => {
    expect(CaseOpenedV1.envelope.safeParse(mutate(validEnvelope())).success).toBe(false);
  });

  it('make time-ordered UUIDv7 ids', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(UUID_V7);
    expect(a < b).toBe(true);
  });
});
