import { ownersChain, overTheWire } from '../../test/access-log-chains';
import { withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { loadSodium } from '../sodium';
import { type OwnerAccessLogEntry, GENESIS_HASH, accessLogEntryHash } from './access-log-entry';
import { accessLogActorSubDigest, newActorSalt, verifyActorSub } from './actor-sub';
import { type AccessLogEntryV2Body, type DisclosedAccessLogEntryV2 } from './entry-v2';
import { verifyAccessLog } from './verify-access-log';
import { toReceiptHolderEntry } from './withheld-entry';

const SUB = 'auth0|CANARY-maria.lopez@example.org';

/** The owner's view of a chain, the first `legacy` entries in format 1, each subject a CANARY e-mail address. */
const canaryChain = (length: number, legacy = 0): Promise<OwnerAccessLogEntry[]> =>
  ownersChain(length, { legacy, handOut: (seq) => ({ actorSub: `${SUB}-${seq}` }) });

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function v2At(items: readonly OwnerAccessLogEntry[], index: number): DisclosedAccessLogEntryV2 {
  const item = at(items, index);
  if (!('v' in item)) throw new Error(`item ${index} is not in format 2`);
  return item;
}

const blake2b256 = async (...parts: Buffer[]): Promise<string> =>
  Buffer.from((await loadSodium()).crypto_generichash(32, Buffer.concat(parts), null)).toString('base64url');

describe('access log entry, format 2', () => {
  const salt = Buffer.alloc(16, 7).toString('base64url');

  it('digests the subject as BLAKE2b-256 of the 16 salt bytes followed by its UTF-8', async () => {
    const expected = await blake2b256(Buffer.alloc(16, 7), Buffer.from('u-1', 'utf8'));
    expect(await accessLogActorSubDigest(salt, 'u-1')).toBe(expected);
    expect(await accessLogActorSubDigest(salt, 'u-2')).not.toBe(expected);
    expect(await accessLogActorSubDigest(Buffer.alloc(16, 8).toString('base64url'), 'u-1')).not.toBe(expected);
    await expect(accessLogActorSubDigest('AAAA', 'u-1')).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(newActorSalt()).not.toBe(newActorSalt());
    expect(Buffer.from(newActorSalt(), 'base64url')).toHaveLength(16);
  });

  it('hashes v, the organization, the role and the digest: BLAKE2b-256(prevHash || canonical JSON)', async () => {
    const actorSubDigest = await accessLogActorSubDigest(salt, 'u-1');
    const body: AccessLogEntryV2Body = {
      v: 2,
      seq: 1,
      at: '2025-01-01T12:00:00.000Z',
      actorOrg: 'org-a',
      actorRole: 'legal_staff',
      actorSubDigest,
      purpose: 'legal_representation',
      section: 'legal',
      keyVersion: 2,
      prevHash: GENESIS_HASH,
    };
    const canonical =
      '{"actorOrg":"org-a","actorRole":"legal_staff","actorSubDigest":"' +
      actorSubDigest +
      '","at":"2025-01-01T12:00:00.000Z","keyVersion":2,"prevHash":"' +
      GENESIS_HASH +
      '","purpose":"legal_representation","section":"legal","seq":1,"v":2}';
    expect(await accessLogEntryHash(body)).toBe(await blake2b256(Buffer.alloc(32), Buffer.from(canonical, 'utf8')));
  });

  it('covers every field but the disclosure, which the digest covers instead', async () => {
    const { hash, actorSub, actorSalt, ...body } = v2At(await canaryChain(1), 0);
    expect(
      await accessLogEntryHash({ ...body, actorSub: 'other', actorSalt: newActorSalt() } as AccessLogEntryV2Body),
    ).toBe(hash);
    const changed: Partial<AccessLogEntryV2Body>[] = [
      { seq: 2 },
      { at: '2025-01-01T12:00:02.000Z' },
      { actorOrg: 'x' },
      { actorRole: 'org_admin' },
      { actorSubDigest: GENESIS_HASH },
      { purpose: 'x' },
      { section: 'x' },
      { keyVersion: 3 },
      { prevHash: hash },
    ];
    for (const change of changed) expect(await accessLogEntryHash({ ...body, ...change })).not.toBe(hash);
    expect(await verifyActorSub({ ...body, hash, actorSub, actorSalt })).toBe(true);
  });

  it('refuses a body it cannot hash unambiguously', async () => {
    const { hash: _hash, actorSub: _sub, actorSalt: _salt, ...body } = v2At(await canaryChain(1), 0);
    const malformed: Record<string, unknown>[] = [
      { actorRole: '' },
      { actorRole: undefined },
      { actorSubDigest: 'AAAA' },
      { actorSubDigest: undefined },
    ];
    for (const change of malformed) {
      await expect(accessLogEntryHash({ ...body, ...change })).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
      );
    }
  });

  it('opens the digest only with the right subject and salt (verifyActorSub)', async () => {
    const entry = v2At(await canaryChain(1), 0);
    expect(await verifyActorSub(overTheWire([entry])[0])).toBe(true);
    expect(await verifyActorSub({ ...entry, actorSub: 'someone-else' })).toBe(false);
    expect(await verifyActorSub({ ...entry, actorSalt: newActorSalt() })).toBe(false);
    expect(await verifyActorSub(toReceiptHolderEntry(entry))).toBe(false);
    expect(await verifyActorSub({ ...entry, actorSalt: 'not base64url!' })).toBe(false);
    expect(await verifyActorSub(null)).toBe(false);
  });
});

describe('the receipt holder’s view (toReceiptHolderEntry)', () => {
  it('drops the subject and salt of format 2 entries and withholds format 1 entries whole', async () => {
    const chain = await canaryChain(4, 2);
    const shown = chain.map(toReceiptHolderEntry);
    expect(JSON.stringify(shown)).not.toContain('CANARY');
    expect(shown[0]).toEqual({ seq: 1, withheld: true, prevHash: GENESIS_HASH, hash: at(chain, 0).hash });
    const { actorSub: _sub, actorSalt: _salt, ...v2 } = v2At(chain, 2);
    expect(shown[2]).toEqual(v2);
  });
});

describe('verifyAccessLog over both formats', () => {
  it('verifies the owner’s view whole, old entries and new, subjects included', async () => {
    const chain = await canaryChain(5, 2);
    expect(await verifyAccessLog(overTheWire(chain))).toEqual({ valid: true, checked: 5 });
    const last = at(chain, 4);
    expect(await verifyAccessLog(overTheWire(chain), { seq: 5, hash: last.hash })).toMatchObject({ valid: true });
  });

  it('counts withheld entries apart in the receipt holder’s view, which still verifies to the same head', async () => {
    const chain = await canaryChain(5, 2);
    const shown = overTheWire(chain.map(toReceiptHolderEntry));
    expect(await verifyAccessLog(shown, { seq: 5, hash: at(chain, 4).hash })).toEqual({
      valid: true,
      checked: 5,
      withheld: 2,
    });
  });

  it('detects a changed format 2 field in the receipt holder’s view', async () => {
    const shown = overTheWire((await canaryChain(4, 1)).map(toReceiptHolderEntry)) as Record<string, unknown>[];
    for (const change of [{ actorRole: 'org_admin' }, { actorOrg: 'org-other' }, { actorSubDigest: GENESIS_HASH }]) {
      const altered = shown.map((entry, index) => (index === 2 ? { ...entry, ...change } : entry));
      expect(await verifyAccessLog(altered)).toEqual({
        valid: false,
        checked: 2,
        withheld: 1,
        brokenAtSeq: 3,
        reason: 'HASH_MISMATCH',
      });
    }
  });

  it('detects a withheld entry with another hash at the next link, the newest one only against a head', async () => {
    const chain = await canaryChain(3, 3);
    const shown = overTheWire(chain.map(toReceiptHolderEntry)) as Record<string, unknown>[];
    const other = { ...shown[1], hash: GENESIS_HASH };
    expect(await verifyAccessLog([shown[0], other, shown[2]])).toEqual({
      valid: false,
      checked: 2,
      withheld: 2,
      brokenAtSeq: 3,
      reason: 'PREV_HASH_MISMATCH',
    });
    // Nothing after it names its hash: a holder can tell only by a head remembered or received.
    const newest = [shown[0], shown[1], { ...shown[2], hash: GENESIS_HASH }];
    expect(await verifyAccessLog(newest)).toEqual({ valid: true, checked: 3, withheld: 3 });
    expect(await verifyAccessLog(newest, { seq: 3, hash: at(chain, 2).hash })).toMatchObject({
      valid: false,
      reason: 'HEAD_MISMATCH',
    });
  });

  it('detects a disclosed subject that does not open its digest', async () => {
    const chain = await canaryChain(3);
    const swapped = overTheWire(chain).map((entry, index) =>
      index === 1 ? { ...(entry as object), actorSub: 'someone-else' } : entry,
    );
    expect(await verifyAccessLog(swapped)).toEqual({
      valid: false,
      checked: 1,
      brokenAtSeq: 2,
      reason: 'ACTOR_SUB_MISMATCH',
    });
  });

  it('refuses entries that mix the views or carry what their format does not define, as MALFORMED', async () => {
    const chain = await canaryChain(2, 1);
    const v1 = at(chain, 0);
    const v2 = v2At(chain, 1);
    const { actorSalt: _salt, ...halfDisclosed } = v2;
    const variants: [unknown, unknown][] = [
      // A withheld entry that still names the subject, or any other field.
      [{ ...toReceiptHolderEntry(v1), actorSub: v1.actorSub }, v2],
      [{ ...toReceiptHolderEntry(v1), actorOrg: v1.actorOrg }, v2],
      [{ ...toReceiptHolderEntry(v1), withheld: 'yes' }, v2],
      [v1, halfDisclosed],
      [v1, { ...v2, v: 3 }],
      [v1, { ...v2, actorSubSalt: v2.actorSalt }],
      [{ ...v1, actorRole: 'legal_staff' }, v2],
    ];
    for (const variant of variants) {
      expect(await verifyAccessLog(overTheWire(variant as object[]))).toMatchObject({
        valid: false,
        reason: 'MALFORMED',
      });
    }
  });
});
