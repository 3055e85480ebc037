import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';
import { type Principal } from '@app/auth';
import { OUTBOX_NOTIFIER, type OutboxNotifier } from '@app/messaging';
import { originOf } from '../../cases/application/event-origin';
import { type Grant, type WithdrawalChannel } from '../../cases/domain/protected-content';
import { ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { planGrantsChange } from './end-grants';
import { hasEnded } from '../../cases/domain/grants';
import { WRITE_ATTEMPTS, caseNotFound, concurrentChange } from '../../cases/application/case-errors';
import { ownerScope } from '../../cases/domain/case-scope';

/**
 * The client withdraws a grant: in one single-document write the grant ends,
 * its envelopes are deleted, the section's key version is retired and
 * consent.revoked is queued. From that write on the grantee gets nothing
 * more, and the next write of the section must come under a new key.
 */
@Injectable()
export class WithdrawGrant {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  async execute(
    principal: Principal,
    caseId: string,
    consentId: string,
    granteeOrgId: string,
    channel: WithdrawalChannel,
    correlationId: string,
  ): Promise<Grant> {
    const scope = ownerScope(principal.orgId);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.cases.load(scope, caseId, { sections: 'metadata' });
      if (!current) throw caseNotFound();
      const grant = current.grants.find(
        (candidate) =>
          candidate.consentId === consentId && candidate.granteeOrgId === granteeOrgId && !hasEnded(candidate),
      );
      if (!grant) {
        const everGranted = current.grants.some(
          (candidate) => candidate.consentId === consentId && candidate.granteeOrgId === granteeOrgId,
        );
        throw everGranted
          ? INTAKE_ERRORS.error('GRANT.ALREADY_ENDED', 'this grant was already withdrawn, expired or superseded')
          : new NotFoundError(INTAKE_ERRORS.code('GRANT.NOT_FOUND'));
      }
      const now = new Date();
      const withdrawn: Grant = { ...grant, withdrawnAt: now, withdrawalChannel: channel };
      const grants = current.grants.map((candidate) => (candidate === grant ? withdrawn : candidate));
      const change = planGrantsChange(
        current,
        grants,
        [{ before: grant, reason: 'withdrawn' }],
        now,
        originOf(correlationId),
      );
      if (await this.cases.changeGrants(scope, caseId, change)) {
        if (change.events.length > 0) this.outbox.notify();
        return withdrawn;
      }
    }
    throw concurrentChange();
  }
}
