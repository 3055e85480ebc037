import { Injectable } from '@nestjs/common';
import { CaseRepository } from '../persistence/case.repository';
import { type Case } from '../domain/case';
import { ownerScope } from '../domain/case-scope';
import { type CaseListFilter } from '../domain/case-list';
import { decodeCaseCursor, encodeCaseCursor } from './case-cursor';

/** A page of the case list, its cursor ready for the client. */
export interface CaseListPage {
  items: Case[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Reads of the case core for the HTTP layer, scoped to the caller's organization by the repository. */
@Injectable()
export class CaseQueries {
  constructor(private readonly cases: CaseRepository) {}

  async find(orgId: string, caseId: string): Promise<Case | undefined> {
    return this.cases.find(ownerScope(orgId), caseId);
  }

  /** The organization's own cases, newest opened first, `limit` at a time. */
  async list(orgId: string, filter: CaseListFilter, limit: number, cursor?: string): Promise<CaseListPage> {
    const after = cursor === undefined ? undefined : decodeCaseCursor(cursor);
    const page = await this.cases.list(ownerScope(orgId), filter, limit, after);
    return page.next ? { items: page.items, nextCursor: encodeCaseCursor(page.next) } : { items: page.items };
  }
}
