import { CaseErasedV1 } from '@app/contracts';
import { ConcurrencyConflictError, NotFoundError } from '@app/errors';
import { type OutboxEntry } from '@app/persistence';
import { CaseAlreadyErasedError } from '../domain/erasure';
import { type ErasureCandidate, type ErasureRepository } from '../persistence/erasure.repository';
import { EraseCase } from './erase-case.use-case';

const CASE_ID = 'case_abcdefghijkl';

function candidate(version: number, erased: boolean): ErasureCandidate {
  return { version, grantsRevision: 1, erased, receiptCodeHashes: [] };
}

/**
 * A repository that answers the n-th read with `reads[n]` (the last one after that) and accepts a write only at version
 * `acceptAt`.
 */
function setup(reads: (ErasureCandidate | undefined)[], acceptAt?: number) {
  const written: { expectedVersion: number; event: OutboxEntry }[] = [];
  let read = 0;
  const erasures = {
    findCandidate: jest.fn(() => Promise.resolve(reads[Math.min(read++, reads.length - 1)])),
    erase: jest.fn(
      (_scope: unknown, _case: string, read: ErasureCandidate, _tombstone: unknown, event: OutboxEntry) => {
        written.push({ expectedVersion: read.version, event });
        return Promise.resolve(read.version === acceptAt);
      },
    ),
  } as unknown as ErasureRepository;
  const relay = { notify: jest.fn() };
  const useCase = new EraseCase(erasures, relay);
  return { useCase, written, relay };
}

const erase = (useCase: EraseCase) => useCase.execute('org_a', CASE_ID, 'court_order', 'admin_1', 'corr-erase-0001');

describe('EraseCase', () => {
  it('writes the tombstone and the erased event at the next sequence, then wakes the relay', async () => {
    const { useCase, written, relay } = setup([candidate(3, false)], 3);

    const tombstone = await erase(useCase);

    expect(tombstone).toEqual({
      caseId: CASE_ID,
      legalBasis: 'court_order',
      erasedAt: expect.any(Date) as unknown,
      erasedBySub: 'admin_1',
      confirmations: {},
    });
    expect(written).toHaveLength(1);
    const envelope = CaseErasedV1.envelope.parse(JSON.parse(written[0]!.event.value));
    expect(envelope).toMatchObject({
      aggregateId: CASE_ID,
      sequence: 4,
      producer: 'intake',
      correlationId: 'corr-erase-0001',
      data: {
        caseId: CASE_ID,
        ownerOrgId: 'org_a',
        legalBasis: 'court_order',
        erasedAt: tombstone.erasedAt.toISOString(),
      },
    });
    expect(written[0]!.event.key).toBe(CASE_ID);
    expect(relay.notify).toHaveBeenCalledTimes(1);
  });

  it('re-reads and retries when the case changed in between, with the new sequence', async () => {
    const { useCase, written } = setup([candidate(3, false), candidate(4, false)], 4);
    await erase(useCase);
    expect(written.map((write) => write.expectedVersion)).toEqual([3, 4]);
    expect(JSON.parse(written[1]!.event.value)).toMatchObject({ sequence: 5 });
  });

  it('answers 409 CASE.ALREADY_ERASED when a concurrent erasure won', async () => {
    const { useCase, relay } = setup([candidate(3, false), candidate(4, true)]);
    await expect(erase(useCase)).rejects.toThrow(CaseAlreadyErasedError);
    expect(relay.notify).not.toHaveBeenCalled();
  });

  it('answers 404 for a case that is not there or belongs to another organization', async () => {
    const { useCase } = setup([undefined]);
    await expect(erase(useCase)).rejects.toThrow(NotFoundError);
  });

  it('gives up with a version conflict when the case keeps changing', async () => {
    const { useCase, written, relay } = setup([candidate(3, false)]);
    await expect(erase(useCase)).rejects.toThrow(ConcurrencyConflictError);
    expect(written.length).toBeGreaterThan(1);
    expect(relay.notify).not.toHaveBeenCalled();
  });
});
