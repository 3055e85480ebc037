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

  /** The caller states the version it read; a concurrent change is a 409, not a lost update. */
  async execute(orgId: string, caseId: string, expectedVersion: number, routing: Routing, correlationId: string): Promise<Case> {
    const current = await this.cases.find(orgId, caseId);
    if (!current) throw new NotFoundError('case');
    if (current.version !== expectedVersion) throw new ConcurrencyConflictError('case');
    const nextVersion = expectedVersion + 1;
    const event = buildEvent(CaseRoutingUpdatedV1, caseId, nextVersion, { caseId, ownerOrgId: orgId, routing }, originOf(correlationId));
    if (!(await this.cases.updateRouting(orgId, caseId, expectedVersion, routing, event))) throw new ConcurrencyConflictError('case');
    this.relay.notify();
    return { ...current, routing, version: nextVersion, updatedAt: new Date() };
  }
}
