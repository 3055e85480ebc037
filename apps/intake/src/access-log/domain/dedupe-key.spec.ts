import { dedupeKeyOf, windowStart } from './dedupe-key';
import { type HandOut } from './hand-out';

const HOUR = 3_600_000;
const handOut: HandOut = {
  caseId: 'case_1',
  actorSub: 'CANARY-maria@example.org',
  actorOrg: 'org_b',
  actorRole: 'legal_staff',
  purpose: 'legal_representation',
  section: 'legal',
  keyVersion: 1,
};

describe('dedupe windows and keys', () => {
  it('puts instants into fixed windows from the epoch', () => {
    expect(windowStart(new Date('2026-03-01T10:59:59.999Z'), HOUR)).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(windowStart(new Date('2026-03-01T11:00:00.000Z'), HOUR)).toEqual(new Date('2026-03-01T11:00:00.000Z'));
  });

  it('gives identical hand-outs of one window one key, and any difference another', () => {
    const window = new Date('2026-03-01T10:00:00.000Z');
    const key = dedupeKeyOf(handOut, window);
    expect(dedupeKeyOf({ ...handOut }, window)).toBe(key);
    // The role is not the reader: the same person reading the same thing under another role is the same hand-out.
    expect(dedupeKeyOf({ ...handOut, actorRole: 'intake_worker' }, window)).toBe(key);
    const others: Partial<HandOut>[] = [
      { caseId: 'case_2' },
      { actorSub: 'someone-else' },
      { actorOrg: 'org_c' },
      { purpose: 'case_coordination' },
      { section: 'identity' },
      { keyVersion: 2 },
    ];
    for (const other of others) expect(dedupeKeyOf({ ...handOut, ...other }, window)).not.toBe(key);
    expect(dedupeKeyOf(handOut, new Date(window.getTime() + HOUR))).not.toBe(key);
  });

  it('is a digest, not the subject spelled out', () => {
    const key = dedupeKeyOf(handOut, new Date(0));
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('CANARY');
  });
});
