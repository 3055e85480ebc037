import { formatOneChain, overTheWire } from '../../test/access-log-chains';
import { withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { loadSodium } from '../sodium';
import { type AccessLogEntryBody, GENESIS_HASH, accessLogEntryHash } from './access-log-entry';
import { type AccessLogEntryV1, type AccessLogEntryV1Body } from './entry-v1';
import { verifyAccessLog } from './verify-access-log';

const PURPOSES = ['legal_representation', 'shelter_placement', 'health_care'];

/** A chain of `length` hand-outs in format 1, built through accessLogEntryHash like the server does. */
const newChain = (length: number, actorOrg = 'org-legal'): Promise<AccessLogEntryV1[]> =>
  formatOneChain(length, (seq) => ({ actorOrg, purpose: PURPOSES[seq % PURPOSES.length] ?? 'legal_representation' }));

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

describe('access log entry hash, format 1 (no v)', () => {
  it('starts the chain at 32 zero bytes', () => {
    expect(GENESIS_HASH).toBe('A'.repeat(43));
    expect(Buffer.from(GENESIS_HASH, 'base64url')).toEqual(Buffer.alloc(32));
  });

  it('is BLAKE2b-256 of the previous hash bytes followed by the canonical JSON of the body', async () => {
    const body: AccessLogEntryV1Body = {
      seq: 1,
      at: '2025-01-01T12:00:00.000Z',
      actorSub: 'u-1',
      actorOrg: 'org-a',
      purpose: 'health_care',
      section: 'health',
      keyVersion: 2,
      prevHash: GENESIS_HASH,
    };
    const canonical =
      '{"actorOrg":"org-a","actorSub":"u-1","at":"2025-01-01T12:00:00.000Z","keyVersion":2,"prevHash":"' +
      GENESIS_HASH +
      '","purpose":"health_care","section":"health","seq":1}';
    const input = Buffer.concat([Buffer.alloc(32), Buffer.from(canonical, 'utf8')]);
    const expected = Buffer.from((await loadSodium()).crypto_generichash(32, input, null)).toString('base64url');
    expect(await accessLogEntryHash(body)).toBe(expected);
  });

  it('covers every field and nothing else', async () => {
    const { hash, ...body } = at(await newChain(1), 0);
    expect(await accessLogEntryHash({ ...body, extra: 'ignored' } as AccessLogEntryBody)).toBe(hash);
    const changed: Partial<AccessLogEntryV1Body>[] = [
      { seq: 2 },
      { at: '2025-01-01T12:00:02.000Z' },
      { actorSub: 'x' },
      { actorOrg: 'x' },
      { purpose: 'x' },
      { section: 'x' },
      { keyVersion: 3 },
      { prevHash: hash },
    ];
    for (const change of changed) expect(await accessLogEntryHash({ ...body, ...change })).not.toBe(hash);
  });

  it('refuses a body it cannot hash unambiguously', async () => {
    const body = at(await newChain(1), 0);
    // Typed as the body so the wrong types below reach the runtime checks.
    const malformed: Partial<Record<keyof AccessLogEntryV1Body | 'v', unknown>>[] = [
      { seq: 0 },
      { seq: 1.5 },
      { at: '2025-01-01 12:00' },
      { actorSub: '' },
      { keyVersion: '1' },
      { prevHash: `${GENESIS_HASH}=` },
      { prevHash: 'AAAA' },
      { v: 1 },
      { v: '2' },
      { v: 3 },
    ];
    for (const change of malformed) {
      await expect(accessLogEntryHash({ ...body, ...change } as unknown as AccessLogEntryBody)).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
      );
    }
  });
});

describe('verifyAccessLog', () => {
  it('accepts an intact chain received as JSON, with or without its head', async () => {
    const chain = await newChain(5);
    const last = at(chain, 4);
    expect(await verifyAccessLog(overTheWire(chain))).toEqual({ valid: true, checked: 5 });
    expect(await verifyAccessLog(overTheWire(chain), { seq: last.seq, hash: last.hash })).toEqual({
      valid: true,
      checked: 5,
    });
    expect(await verifyAccessLog([])).toEqual({ valid: true, checked: 0 });
  });

  it('treats the head as a lower bound: a chain that grew since is still valid', async () => {
    const chain = await newChain(5);
    const earlier = at(chain, 2);
    expect(await verifyAccessLog(chain, { seq: earlier.seq, hash: earlier.hash })).toEqual({
      valid: true,
      checked: 5,
    });
  });

  it('detects an altered field', async () => {
    const chain = await newChain(5);
    chain[2] = { ...at(chain, 2), purpose: 'CANARY-other-purpose' };
    const result = await verifyAccessLog(overTheWire(chain));
    expect(result).toEqual({ valid: false, checked: 2, brokenAtSeq: 3, reason: 'HASH_MISMATCH' });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('detects an altered entry whose own hash was recomputed, at the next link', async () => {
    const chain = await newChain(5);
    const { hash: _old, ...body } = { ...at(chain, 2), actorOrg: 'org-other' };
    chain[2] = { ...body, hash: await accessLogEntryHash(body) };
    expect(await verifyAccessLog(chain)).toEqual({
      valid: false,
      checked: 3,
      brokenAtSeq: 4,
      reason: 'PREV_HASH_MISMATCH',
    });
  });

  it('detects a removed middle entry, renumbered or not', async () => {
    const chain = await newChain(5);
    const removed = [...chain.slice(0, 2), ...chain.slice(3)];
    expect(await verifyAccessLog(removed)).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'SEQ_GAP',
    });
    const renumbered = removed.map((entry, index) => ({ ...entry, seq: index + 1 }));
    expect(await verifyAccessLog(renumbered)).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'PREV_HASH_MISMATCH',
    });
  });

  it('detects removed newest entries only against the expected head', async () => {
    const chain = await newChain(5);
    const head = { seq: 5, hash: at(chain, 4).hash };
    const truncated = chain.slice(0, 3);
    // Without a head a shorter chain is indistinguishable from an older one.
    expect(await verifyAccessLog(truncated)).toEqual({ valid: true, checked: 3 });
    expect(await verifyAccessLog(truncated, head)).toEqual({
      valid: false,
      checked: 3,
      brokenAtSeq: 4,
      reason: 'HEAD_MISSING',
    });
  });

  it('detects a chain rewritten up to the head', async () => {
    const chain = await newChain(5);
    const other = await newChain(5, 'org-rewritten');
    expect(await verifyAccessLog(other, { seq: 5, hash: at(chain, 4).hash })).toEqual({
      valid: false,
      checked: 5,
      brokenAtSeq: 5,
      reason: 'HEAD_MISMATCH',
    });
  });

  it('detects reordered and repeated entries', async () => {
    const chain = await newChain(5);
    const swapped = [at(chain, 0), at(chain, 1), at(chain, 3), at(chain, 2), at(chain, 4)];
    expect(await verifyAccessLog(swapped)).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'SEQ_ORDER',
    });
    const repeated = [at(chain, 0), at(chain, 1), at(chain, 1), at(chain, 2)];
    expect(await verifyAccessLog(repeated)).toEqual({
      valid: false,
      checked: 2,
      brokenAtSeq: 3,
      reason: 'SEQ_ORDER',
    });
  });

  it('detects a first entry that does not start from the genesis hash', async () => {
    const chain = await newChain(2);
    const { hash: _old, ...body } = { ...at(chain, 0), prevHash: at(chain, 1).hash };
    expect(await verifyAccessLog([{ ...body, hash: await accessLogEntryHash(body) }])).toEqual({
      valid: false,
      checked: 0,
      brokenAtSeq: 1,
      reason: 'PREV_HASH_MISMATCH',
    });
  });

  it('reports bad base64url and other malformed entries as MALFORMED, at their position', async () => {
    const chain = await newChain(3);
    const third = at(chain, 2);
    // The last of 43 characters carries 2 unused bits; 'B' sets one of them.
    const nonCanonical = `${third.hash.slice(0, -1)}B`;
    const variants: Record<string, unknown>[] = [
      { ...third, hash: `+${third.hash.slice(1)}` },
      { ...third, hash: `${third.hash}=` },
      { ...third, hash: nonCanonical },
      { ...third, prevHash: third.prevHash.slice(0, -2) },
      { ...third, seq: '3' },
      { ...third, serverNote: 'not covered by the hash' },
    ];
    for (const variant of variants) {
      expect(await verifyAccessLog([at(chain, 0), at(chain, 1), variant])).toEqual({
        valid: false,
        checked: 2,
        brokenAtSeq: 3,
        reason: 'MALFORMED',
      });
    }
    expect(await verifyAccessLog([at(chain, 0), null])).toEqual({
      valid: false,
      checked: 1,
      brokenAtSeq: 2,
      reason: 'MALFORMED',
    });
    expect(await verifyAccessLog({ entries: chain })).toEqual({
      valid: false,
      checked: 0,
      reason: 'MALFORMED',
    });
    expect(await verifyAccessLog(chain, { seq: 3, hash: 'not base64url!' })).toEqual({
      valid: false,
      checked: 0,
      reason: 'MALFORMED',
    });
  });
});
