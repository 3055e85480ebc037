import { type KnownCaseRepository, type PurgeResult } from '../persistence/known-case.repository';
import { CaseErasedConsumer } from './case-erased.consumer';
import { type PurgeConfirmations } from './purge-confirmations';
import { erasedEvent } from '../../test/erased-event.fixture';

function setup(purge: () => Promise<PurgeResult>) {
  const steps: string[] = [];
  const cases = { purge: jest.fn(() => (steps.push('purge'), purge())) } as unknown as KnownCaseRepository;
  const confirmations = {
    confirm: jest.fn(() => (steps.push('confirm'), Promise.resolve())),
  } as unknown as PurgeConfirmations;
  return { consumer: new CaseErasedConsumer(cases, confirmations), steps };
}

describe('CaseErasedConsumer', () => {
  it('purges first and confirms only then', async () => {
    const { consumer, steps } = setup(() => Promise.resolve('purged'));
    await consumer.caseErased(erasedEvent('case_abcdefghijkl'));
    expect(steps).toEqual(['purge', 'confirm']);
  });

  // The first attempt may have died before its confirmation went out.
  it('confirms a redelivered erasure again', async () => {
    const { consumer, steps } = setup(() => Promise.resolve('already_erased'));
    await consumer.caseErased(erasedEvent('case_abcdefghijkl'));
    expect(steps).toEqual(['purge', 'confirm']);
  });

  it('never confirms a purge that failed', async () => {
    const { consumer, steps } = setup(() => Promise.reject(new Error('mongo down')));
    await expect(consumer.caseErased(erasedEvent('case_abcdefghijkl'))).rejects.toThrow('mongo down');
    expect(steps).toEqual(['purge']);
  });
});
