import { Injectable } from '@nestjs/common';
import { KnownCaseRepository, type KnownCaseView } from '../persistence/known-case.repository';

export { type KnownCaseView };

/** This service's view of a case, for the HTTP layer; the repository scopes it to the caller's organization. */
@Injectable()
export class KnownCaseQueries {
  constructor(private readonly cases: KnownCaseRepository) {}

  async findForOrganization(orgId: string, caseId: string): Promise<KnownCaseView | undefined> {
    return this.cases.findForOrganization(orgId, caseId);
  }
}
