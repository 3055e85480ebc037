import { CaseErasedV1, type EnvelopeOf, uuidv7 } from '@app/contracts';

/** An intake.case.erased.v1 envelope as intake would publish it. */
export function erasedEvent(caseId: string, sequence = 3): EnvelopeOf<typeof CaseErasedV1> {
  return CaseErasedV1.envelope.parse({
    eventId: uuidv7(),
    type: CaseErasedV1.type,
    version: CaseErasedV1.version,
    aggregateId: caseId,
    sequence,
    occurredAt: new Date().toISOString(),
    producer: 'intake',
    correlationId: 'corr-erasure-0001',
    causationId: null,
    data: { caseId, ownerOrgId: 'org_a', legalBasis: 'arco_cancellation', erasedAt: new Date().toISOString() },
  });
}
