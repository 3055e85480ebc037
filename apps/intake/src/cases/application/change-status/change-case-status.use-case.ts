import { Inject, Injectable } from '@nestjs/common';
import { CaseClosedV1, type CaseClosingReason, CaseReopenedV1 } from '@app/contracts';
import { type DomainError } from '@app/errors';
import { OUTBOX_NOTIFIER, type OutboxNotifier, buildEvent } from '@app/messaging';
import { type OutboxEntry } from '@app/persistence';
import { CaseRepository } from '../../persistence/case.repository';
import { type Case } from '../../domain/case';
import { ownerScope } from '../../domain/case-scope';
import { type StatusChange, type StatusChangeRefusal, applyStatusChange, refusalOf } from '../../domain/case-lifecycle';
import {
  WRITE_ATTEMPTS,
  caseAlreadyClosed,
  caseNotClosed,
  caseNotFound,
  caseVersionConflict,
  concurrentChange,
} from '../case-errors';
import { originOf } from '../event-origin';

/**
 * Closing and reopening a case: the owner's staff change its status and
 * intake publishes `intake.case.closed.v1` / `intake.case.reopened.v1` from
 * the same single-document write. A closed case keeps its sections, consent
 * and access log; its routing is frozen until it is reopened.
 */
@Injectable()
export class ChangeCaseStatus {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  close(
    orgId: string,
    caseId: string,
    reason: CaseClosingReason,
    correlationId: string,
    expectedVersion?: number,
  ): Promise<Case> {
    return this.apply(orgId, caseId, { kind: 'close', closedAt: new Date(), reason }, correlationId, expectedVersion);
  }

  reopen(orgId: string, caseId: string, correlationId: string, expectedVersion?: number): Promise<Case> {
    return this.apply(orgId, caseId, { kind: 'reopen', reopenedAt: new Date() }, correlationId, expectedVersion);
  }

  /**
   * Read, decide, write guarded by the version read. Without an expected
   * version a write that lost a race (a routing change, say) decides again on
   * what won; with one, the race is the caller's conflict.
   */
  private async apply(
    orgId: string,
    caseId: string,
    change: StatusChange,
    correlationId: string,
    expectedVersion?: number,
  ): Promise<Case> {
    const scope = ownerScope(orgId);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const found = await this.cases.find(scope, caseId);
      if (!found) throw caseNotFound();
      const refusal = refusalOf(found, change, expectedVersion);
      if (refusal) throw errorOf(refusal);
      const changed = applyStatusChange(found, change);
      if (await this.cases.changeStatus(scope, changed, found.version, eventOf(changed, correlationId))) {
        this.outbox.notify();
        return changed;
      }
      if (expectedVersion !== undefined) throw caseVersionConflict();
    }
    throw concurrentChange();
  }
}

function eventOf(changed: Case, correlationId: string): OutboxEntry {
  const origin = originOf(correlationId);
  const ids = { caseId: changed.caseId, ownerOrgId: changed.ownerOrgId };
  return changed.closure
    ? buildEvent(CaseClosedV1, changed.caseId, changed.version, { ...ids, reason: changed.closure.reason }, origin)
    : buildEvent(CaseReopenedV1, changed.caseId, changed.version, ids, origin);
}

function errorOf(refusal: StatusChangeRefusal): DomainError {
  if (refusal === 'already-closed') return caseAlreadyClosed();
  if (refusal === 'not-closed') return caseNotClosed();
  return caseVersionConflict();
}
