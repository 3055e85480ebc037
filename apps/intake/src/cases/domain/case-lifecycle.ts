import { type CaseClosingReason } from '@app/contracts';
import { type Case } from './case';

/** Why a status change cannot apply to the case as it is. */
export type StatusChangeRefusal = 'version-conflict' | 'already-closed' | 'not-closed';

/** What a close or reopen sets, when the case allows it. */
export type StatusChange =
  { kind: 'close'; closedAt: Date; reason: CaseClosingReason } | { kind: 'reopen'; reopenedAt: Date };

/**
 * Decides a close or reopen against the case as read. `expectedVersion` is
 * the version the caller saw, when it sent one: a change based on an older
 * read is a conflict, not a silent overwrite of what the caller never saw.
 */
export function refusalOf(
  found: Case,
  change: StatusChange,
  expectedVersion?: number,
): StatusChangeRefusal | undefined {
  if (expectedVersion !== undefined && expectedVersion !== found.version) return 'version-conflict';
  if (change.kind === 'close' && found.status === 'closed') return 'already-closed';
  if (change.kind === 'reopen' && found.status !== 'closed') return 'not-closed';
  return undefined;
}

/** The case after the change, at the next version. */
export function applyStatusChange(found: Case, change: StatusChange): Case {
  const at = change.kind === 'close' ? change.closedAt : change.reopenedAt;
  const next = { ...found, version: found.version + 1, updatedAt: at };
  if (change.kind === 'reopen') {
    const { closure: _closure, ...reopened } = next;
    return { ...reopened, status: 'open' };
  }
  return { ...next, status: 'closed', closure: { closedAt: change.closedAt, reason: change.reason } };
}
