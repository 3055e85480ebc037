import { CaseErasedV1, CasePurgedV1, uuidv7, type EventContract } from '@app/contracts';
import { decodeEvent } from './decode-event';

function envelope(contract: EventContract, producer: string, data: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      eventId: uuidv7(),
      type: contract.type,
      version: contract.version,
      aggregateId: 'case_0000000001',
      sequence: 1,
      occurredAt: new Date().toISOString(),
      producer,
      correlationId: 'corr-12345678',
      causationId: null,
      data,
    }),
  );
}

const erased = {
  caseId: 'case_0000000001',
  ownerOrgId: 'org_a',
  legalBasis: 'arco_cancellation',
  erasedAt: new Date().toISOString(),
};
const purged = (service: string) => ({ caseId: 'case_0000000001', service, purgedAt: new Date().toISOString() });

describe('decodeEvent: who may have sent it', () => {
  it("accepts an envelope from the topic's producer", () => {
    expect(decodeEvent(CaseErasedV1, envelope(CaseErasedV1, 'intake', erased))).toMatchObject({ ok: true });
  });

  it('refuses an erasure that claims to come from a service other than intake', () => {
    expect(decodeEvent(CaseErasedV1, envelope(CaseErasedV1, 'legal-status', erased))).toEqual({
      ok: false,
      reason: 'PRODUCER_MISMATCH',
      detail: 'producer: not one of intake',
    });
  });

  it.each(['legal-status', 'shelter-capacity', 'notifications'])('accepts a purge confirmation from %s', (service) => {
    expect(decodeEvent(CasePurgedV1, envelope(CasePurgedV1, service, purged(service)))).toMatchObject({ ok: true });
  });

  it('refuses a purge confirmation from intake, which purges nothing', () => {
    const decoded = decodeEvent(CasePurgedV1, envelope(CasePurgedV1, 'intake', purged('intake')));
    expect(decoded).toMatchObject({ ok: false, reason: 'PRODUCER_MISMATCH' });
  });

  it('never echoes the claimed producer, which an attacker chose', () => {
    const decoded = decodeEvent(CaseErasedV1, envelope(CaseErasedV1, 'forged-by-canary', erased));
    expect(JSON.stringify(decoded)).not.toContain('canary');
  });
});
