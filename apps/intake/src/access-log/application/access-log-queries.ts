import { Injectable } from '@nestjs/common';
import { type OwnerAccessLogEntry } from '@app/crypto';
import { caseNotFound } from '../../cases/application/case-errors';
import { ownerScope } from '../../cases/domain/case-scope';
import { type AccessLogPage, type AccessLogPageRequest } from '../domain/access-log-page';
import { AccessLogReader } from './access-log-reader';

/** The access log as its case's owner reads it, before and after the case's erasure. */
@Injectable()
export class AccessLogQueries {
  constructor(private readonly reader: AccessLogReader) {}

  async ofOwnedCase(
    orgId: string,
    caseId: string,
    request: AccessLogPageRequest,
  ): Promise<AccessLogPage<OwnerAccessLogEntry>> {
    const page = await this.reader.ownersPage(ownerScope(orgId), caseId, request);
    if (!page) throw caseNotFound();
    return page;
  }
}
