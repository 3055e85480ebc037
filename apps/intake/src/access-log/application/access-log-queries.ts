import { Injectable } from '@nestjs/common';
import { caseNotFound } from '../../cases/application/case-errors';
import { ownerScope } from '../../cases/domain/case-scope';
import { AccessLog, type AccessLogChain } from './access-log.service';

/** The access log as its case's owner reads it, before and after the case's erasure. */
@Injectable()
export class AccessLogQueries {
  constructor(private readonly accessLog: AccessLog) {}

  async ofOwnedCase(orgId: string, caseId: string): Promise<AccessLogChain> {
    const chain = await this.accessLog.chain(ownerScope(orgId), caseId);
    if (!chain) throw caseNotFound();
    return chain;
  }
}
