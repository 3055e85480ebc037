import { Inject, Injectable } from '@nestjs/common';
import { CaseRoutingUpdatedV1, type Routing } from '@app/contracts';
import { OUTBOX_NOTIFIER, type OutboxNotifier, buildEvent } from '@app/messaging';
import { CaseRepository } from '../../persistence/case.repository';
import { type Case } from '../../domain/case';
import { originOf } from '../event-origin';
import { ownerScope } from '../../domain/case-scope';
import { caseNotFound, caseVersionConflict } from '../case-errors';

@Injectable()
export class UpdateRouting {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  /**
   * The caller states the version it read; a concurrent change is a 409, not a
   * lost update. One round trip when it succeeds; only a failed update reads
   * the case, to tell "not yours / not there" (404) from "changed" (409).
   */
  async execute(
    orgId: string,
    caseId: string,
    expectedVersion: number,
    routing: Routing,
    correlationId: string,
  ): Promise<Case> {
    const event = buildEvent(
      CaseRoutingUpdatedV1,
      caseId,
      expectedVersion + 1,
      { caseId, ownerOrgId: orgId, routing },
      originOf(correlationId),
    );
    const scope = ownerScope(orgId);
    const updated = await this.cases.updateRouting(scope, caseId, expectedVersion, routing, event);
    if (!updated) throw (await this.cases.find(scope, caseId)) ? caseVersionConflict() : caseNotFound();
    this.outbox.notify();
    return updated;
  }
}
