import { type Case } from './case';
import { applyStatusChange, refusalOf } from './case-lifecycle';

const openCase: Case = {
  caseId: 'case_lifecycle_0001',
  ownerOrgId: 'org-mx',
  routing: { country: 'MX', regionCode: 'MX-CHP', needCategories: ['legal'], urgency: 'routine', languages: ['es'] },
  status: 'open',
  version: 3,
  openedAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
};
const closedAt = new Date('2026-02-01T10:00:00Z');
const close = { kind: 'close', closedAt, reason: 'services_completed' } as const;
const reopen = { kind: 'reopen', reopenedAt: new Date('2026-03-01T10:00:00Z') } as const;

describe('case lifecycle', () => {
  it('closes an open case at the next version, with its reason and time', () => {
    expect(refusalOf(openCase, close)).toBeUndefined();
    expect(applyStatusChange(openCase, close)).toEqual({
      ...openCase,
      status: 'closed',
      version: 4,
      updatedAt: closedAt,
      closure: { closedAt, reason: 'services_completed' },
    });
  });

  it('reopens a closed case and forgets the closure', () => {
    const closed = applyStatusChange(openCase, close);
    expect(refusalOf(closed, reopen)).toBeUndefined();
    const reopened = applyStatusChange(closed, reopen);
    expect(reopened).toEqual({ ...openCase, version: 5, updatedAt: reopen.reopenedAt });
    expect('closure' in reopened).toBe(false);
  });

  it('refuses closing a closed case, reopening an open one, and a change based on another version', () => {
    const closed = applyStatusChange(openCase, close);
    expect(refusalOf(closed, close)).toBe('already-closed');
    expect(refusalOf(openCase, reopen)).toBe('not-closed');
    expect(refusalOf(openCase, close, 2)).toBe('version-conflict');
    expect(refusalOf(openCase, close, 3)).toBeUndefined();
    // The version is checked first: a caller who read an older state learns that, not what changed.
    expect(refusalOf(closed, close, 3)).toBe('version-conflict');
  });
});
