import { Injectable } from '@nestjs/common';
import { ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { caseNotFound } from '../../cases/application/case-errors';
import { AccessLog, type AccessLogChain } from './access-log.service';

/** The access log as its case's owner reads it. */
@Injectable()
export class AccessLogQueries {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async ofOwnedCase(orgId: string, caseId: string): Promise<AccessLogChain> {
    const current = await this.cases.load(caseId, { sections: 'none' });
    if (!current || current.ownerOrgId !== orgId) throw caseNotFound();
    return this.accessLog.chain(caseId);
  }
}
