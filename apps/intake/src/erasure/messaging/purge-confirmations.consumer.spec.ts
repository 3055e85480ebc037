import { CasePurgedV1, uuidv7, type EnvelopeOf } from '@app/contracts';
import { PURGING_SERVICES } from '../domain/erasure';
import { type ErasureRepository } from '../persistence/erasure.repository';
import { PurgeConfirmationsConsumer } from './purge-confirmations.consumer';

function confirmation(producer: string, service: string): EnvelopeOf<typeof CasePurgedV1> {
  return {
    eventId: uuidv7(),
    type: CasePurgedV1.type,
    version: CasePurgedV1.version,
    aggregateId: 'case_0000000001',
    sequence: 1,
    occurredAt: new Date().toISOString(),
    producer,
    correlationId: 'corr-12345678',
    causationId: null,
    data: { caseId: 'case_0000000001', service, purgedAt: new Date().toISOString() },
  };
}

function setup() {
  const recordConfirmation = jest.fn((_caseId: string, _service: string, _at: Date) => Promise.resolve(true));
  const consumer = new PurgeConfirmationsConsumer({ recordConfirmation } as unknown as ErasureRepository);
  return { consumer, recordConfirmation };
}

describe('PurgeConfirmationsConsumer: whose confirmation counts', () => {
  it('expects a confirmation from each producer of the purge contract, and from no one else', () => {
    expect([...PURGING_SERVICES].sort()).toEqual([...CasePurgedV1.producers].sort());
  });

  it.each(PURGING_SERVICES)('records the confirmation %s sends for itself', async (service) => {
    const { consumer, recordConfirmation } = setup();
    await consumer.casePurged(confirmation(service, service));
    expect(recordConfirmation).toHaveBeenCalledWith('case_0000000001', service, expect.any(Date));
  });

  it("refuses a purging service's confirmation on behalf of another service", async () => {
    const { consumer, recordConfirmation } = setup();
    await consumer.casePurged(confirmation('legal-status', 'shelter-capacity'));
    expect(recordConfirmation).not.toHaveBeenCalled();
  });

  it('refuses a confirmation for a service that is not expected to purge, even from itself', async () => {
    const { consumer, recordConfirmation } = setup();
    await consumer.casePurged(confirmation('intake', 'intake'));
    await consumer.casePurged(confirmation('billing', 'billing'));
    expect(recordConfirmation).not.toHaveBeenCalled();
  });
});
