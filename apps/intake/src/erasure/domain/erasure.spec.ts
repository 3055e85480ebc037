import { isComplete, PURGING_SERVICES } from './erasure';

describe('isComplete', () => {
  const at = new Date('2030-01-01T00:00:00.000Z');

  it('waits for every service that held case data', () => {
    expect(isComplete({ confirmations: {} })).toBe(false);
    expect(isComplete({ confirmations: { 'legal-status': at, notifications: at } })).toBe(false);
    expect(isComplete({ confirmations: Object.fromEntries(PURGING_SERVICES.map((service) => [service, at])) })).toBe(
      true,
    );
  });

  it('is not completed by a confirmation from a service that is not on the list', () => {
    expect(isComplete({ confirmations: { 'legal-status': at, notifications: at, 'some-other': at } })).toBe(false);
  });
});
