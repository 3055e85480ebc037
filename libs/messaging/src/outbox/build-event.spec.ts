import { ZodError } from 'zod';
import { CaseOpenedV2, type EventData, UUID_V7 } from '@app/contracts';
import { buildEvent } from './build-event';

// Every publish path (the outbox relay, the purge confirmations) sends what
// buildEvent returned, so this is where an event that breaks its contract must
// be refused: a consumer would dead-letter it, but only after it was public.

const origin = { producer: 'intake', correlationId: 'corr-12345678' };

function validData(caseId = 'case_0000000001'): EventData<typeof CaseOpenedV2> {
  return { caseId, ownerOrgId: 'org_a' };
}

/** The contract violations buildEvent reported, or a failure if it did not throw a ZodError. */
function refusal(build: () => unknown): { path: string; code: string; message: string }[] {
  try {
    build();
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    return error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
  }
  throw new Error('buildEvent accepted an event that breaks its contract');
}

describe('buildEvent', () => {
  it('turns a valid event into an outbox entry keyed by its aggregate id', () => {
    const entry = buildEvent(CaseOpenedV2, 'case_0000000001', 1, validData(), origin);

    expect(entry).toMatchObject({ topic: CaseOpenedV2.topic, key: 'case_0000000001' });
    expect(entry.eventId).toMatch(UUID_V7);
    const envelope = CaseOpenedV2.envelope.parse(JSON.parse(entry.value));
    expect(envelope).toMatchObject({
      eventId: entry.eventId,
      type: CaseOpenedV2.type,
      aggregateId: 'case_0000000001',
      sequence: 1,
      producer: 'intake',
      causationId: null,
      data: validData(),
    });
  });

  it('refuses a payload field that breaks its rule, naming the field', () => {
    const data = validData();
    data.ownerOrgId = 'Casa Refugio';

    expect(refusal(() => buildEvent(CaseOpenedV2, 'case_0000000001', 1, data, origin))).toEqual([
      { path: 'data.ownerOrgId', code: 'invalid_format', message: 'expected an opaque id' },
    ]);
  });

  it('refuses an envelope field that breaks its rule', () => {
    expect(refusal(() => buildEvent(CaseOpenedV2, 'case_0000000001', 0, validData(), origin))).toEqual([
      expect.objectContaining({ path: 'sequence', code: 'too_small' }),
    ]);
    expect(
      refusal(() =>
        buildEvent(CaseOpenedV2, 'case_0000000001', 1, validData(), { ...origin, producer: 'Intake Service' }),
      ),
    ).toEqual([expect.objectContaining({ path: 'producer', code: 'invalid_format' })]);
  });

  it('refuses a field the contract does not know, so nothing free-form reaches Kafka', () => {
    // Not an object literal, so the compiler lets the extra field through, as a careless caller's might.
    const data = { ...validData(), clientName: 'should never be published' };

    expect(refusal(() => buildEvent(CaseOpenedV2, 'case_0000000001', 1, data, origin))).toEqual([
      expect.objectContaining({
        path: 'data',
        code: 'unrecognized_keys',
        message: expect.stringContaining('clientName') as string,
      }),
    ]);
  });

  it('refuses an event whose aggregate id is not the case it names', () => {
    expect(refusal(() => buildEvent(CaseOpenedV2, 'case_0000000001', 1, validData('case_0000000002'), origin))).toEqual(
      [{ path: 'data.caseId', code: 'custom', message: 'must equal aggregateId' }],
    );
  });
});
