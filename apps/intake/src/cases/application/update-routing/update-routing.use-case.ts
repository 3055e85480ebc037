import { Injectable } from '@nestjs/common';
import { type Routing } from '@app/contracts';
import { CaseRepository } from '../../persistence/case.repository';
import { type Case } from '../../domain/case';
import { ownerScope } from '../../domain/case-scope';
import { caseClosed, caseNotFound, caseVersionConflict } from '../case-errors';

/**
 * Routing is intake's own: no other service uses it, so a change publishes no
 * event (docs/privacy.md) and stays in the case document.
 */
@Injectable()
export class UpdateRouting {
  constructor(private readonly cases: CaseRepository) {}

  /**
   * The caller states the version it read; a concurrent change is a 409, not a
   * lost update. One round trip when it succeeds; only a failed update reads
   * the case, to tell "not yours / not there" (404) from "changed" (409) and
   * from "closed" (409, another code: reopening it is the way on).
   */
  async execute(orgId: string, caseId: string, expectedVersion: number, routing: Routing): Promise<Case> {
    const scope = ownerScope(orgId);
    const updated = await this.cases.updateRouting(scope, caseId, expectedVersion, routing);
    if (updated) return updated;
    const found = await this.cases.find(scope, caseId);
    if (!found) throw caseNotFound();
    throw found.status === 'closed' ? caseClosed() : caseVersionConflict();
  }
}
