import { restartBudget } from './restart-budget';

describe('restartBudget', () => {
  it('allows a bounded number of restarts per window, then refuses', async () => {
    let clock = 0;
    const allow = restartBudget(2, 1_000, () => clock);
    expect(await allow()).toBe(true);
    clock = 500;
    expect(await allow()).toBe(true);
    expect(await allow()).toBe(false);
    // The first restart left the window; one more is allowed.
    clock = 1_000;
    expect(await allow()).toBe(true);
    expect(await allow()).toBe(false);
  });

  it('with a budget of zero, never restarts', async () => {
    expect(await restartBudget(0, 1_000)()).toBe(false);
  });
});
