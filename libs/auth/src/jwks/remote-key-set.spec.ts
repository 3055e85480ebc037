import { generateKeyPairSync } from 'node:crypto';
import { JwksFailure } from './jwks-failure';
import { RemoteKeySet } from './remote-key-set';
import { type VerificationKey, type VerificationKeys } from './verification-keys';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const policy = { maxAgeMs: 60_000, refetchIntervalMs: 5_000, timeoutMs: 1_000 };

function keysOf(...kids: string[]): VerificationKeys {
  return new Map(kids.map((kid): [string, VerificationKey] => [kid, { kid, algorithm: 'ES256', publicKey }]));
}

/** A key set over a scripted loader and a clock the test moves. */
function setup(responses: Array<VerificationKeys | Error>) {
  let clock = 1_000;
  const failures: Array<[string, number]> = [];
  const load = jest.fn(() => {
    const next = responses.length > 1 ? responses.shift() : responses[0];
    if (next === undefined) return Promise.reject(new Error('no response scripted'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  const set = new RemoteKeySet(
    load,
    policy,
    { fetchFailed: (failure, kept) => failures.push([failure.reason, kept]) },
    () => clock,
  );
  return { set, load, failures, advance: (ms: number) => (clock += ms) };
}

describe('RemoteKeySet', () => {
  it('fetches the whole set once and answers every known kid from it', async () => {
    const { set, load } = setup([keysOf('a', 'b')]);
    await expect(set.find('a')).resolves.toMatchObject({ key: { kid: 'a' } });
    await expect(set.find('b')).resolves.toMatchObject({ key: { kid: 'b' } });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refetches for unknown kids at most once per interval, however many arrive', async () => {
    const { set, load, advance } = setup([keysOf('a')]);
    await set.find('a');
    const lookups = await Promise.all(Array.from({ length: 500 }, (_, i) => set.find(`made-up-${i}`)));
    expect(new Set(lookups.map((lookup) => JSON.stringify(lookup)))).toEqual(
      new Set([JSON.stringify({ missing: 'unknown_key' })]),
    );
    // The first fetch started the interval; nothing more within it.
    expect(load).toHaveBeenCalledTimes(1);
    advance(policy.refetchIntervalMs);
    await set.find('made-up-again');
    await set.find('made-up-once-more');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('lets concurrent lookups share one fetch', async () => {
    const { set, load } = setup([keysOf('a')]);
    await Promise.all([set.find('a'), set.find('a'), set.find('x')]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('picks up a rotated key when a token names it after the interval', async () => {
    const { set, advance } = setup([keysOf('old'), keysOf('new', 'old')]);
    await set.find('old');
    advance(policy.refetchIntervalMs);
    await expect(set.find('new')).resolves.toMatchObject({ key: { kid: 'new' } });
  });

  it('refetches a set older than its max age before using it, and drops withdrawn keys', async () => {
    const { set, load, advance } = setup([keysOf('a', 'withdrawn'), keysOf('a')]);
    await set.find('a');
    advance(policy.maxAgeMs);
    await expect(set.find('withdrawn')).resolves.toEqual({ missing: 'unknown_key' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps serving the last good set when a refetch fails, and reports it', async () => {
    const { set, load, failures, advance } = setup([keysOf('a'), new JwksFailure('not_json')]);
    await set.find('a');
    advance(policy.maxAgeMs);
    await expect(set.find('a')).resolves.toMatchObject({ key: { kid: 'a' } });
    expect(failures).toEqual([['not_json', 1]]);
    // A provider that is down is not asked again until the interval has passed.
    await set.find('a');
    expect(load).toHaveBeenCalledTimes(2);
    advance(policy.refetchIntervalMs);
    await set.find('a');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('answers keys_unavailable while it has never held a set, retrying once per interval', async () => {
    const { set, load, failures, advance } = setup([new JwksFailure('unreachable'), keysOf('a')]);
    await expect(set.find('a')).resolves.toEqual({ missing: 'keys_unavailable' });
    await expect(set.find('a')).resolves.toEqual({ missing: 'keys_unavailable' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(failures).toEqual([['unreachable', 0]]);
    advance(policy.refetchIntervalMs);
    await expect(set.find('a')).resolves.toMatchObject({ key: { kid: 'a' } });
  });

  it('treats a loader that throws something unexpected as an unreachable provider', async () => {
    const { set, failures } = setup([new Error('boom')]);
    await expect(set.find('a')).resolves.toEqual({ missing: 'keys_unavailable' });
    expect(failures).toEqual([['unreachable', 0]]);
  });
});
