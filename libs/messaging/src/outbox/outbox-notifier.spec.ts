import { OutboxSignal } from './outbox-notifier';

describe('OutboxSignal', () => {
  it('wakes every listener until it unsubscribes', () => {
    const signal = new OutboxSignal();
    const first = jest.fn();
    const second = jest.fn();
    const stopFirst = signal.listen(first);
    signal.listen(second);
    signal.notify();
    stopFirst();
    signal.notify();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('is a no-op with no listener (the relay polls anyway)', () => {
    expect(() => new OutboxSignal().notify()).not.toThrow();
  });
});
