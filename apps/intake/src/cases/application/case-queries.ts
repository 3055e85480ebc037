import { Injectable } from '@nestjs/common';
import { CaseRepository } from '../persistence/case.repository';
import { type Case } from '../domain/case';
import { ownerScope } from '../domain/case-scope';

/** Reads of the case core for the HTTP layer, scoped to the caller's organization by the repository. */
@Injectable()
export class CaseQueries {
  constructor(private readonly cases: CaseRepository) {}

  async find(orgId: string, caseId: string): Promise<Case | undefined> {
    return this.cases.find(ownerScope(orgId), caseId);
  }
}
