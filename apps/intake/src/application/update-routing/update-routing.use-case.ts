import { Injectable } from '@nestjs/common';
import { CaseRoutingUpdatedV1, type Routing } from '@app/contracts';
import { buildEvent } from '@app/messaging';
import { ConcurrencyConflictError, NotFoundError } from '@app/errors';
import { OutboxRelayHost } from '@app/http';
import { CaseRepository } from '../../persistence/case.repository';
import { type Case } from '../../domain/case';
import { originOf } from '../event-origin';

@Injectable()
export class UpdateRouting {
  constructor(
    private readonly cases: CaseRepository,
    private readonly relay: OutboxRelayHost,
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
    const updated = await this.cases.updateRouting(orgId, caseId, expectedVersion, routing, event);
    if (!updated)
      throw (await this.cases.find(orgId, caseId)) ? new ConcurrencyConflictError('case') : new NotFoundError('case');
    this.relay.notify();
    return updated;
  }
}
