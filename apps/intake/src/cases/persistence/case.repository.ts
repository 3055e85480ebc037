import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type Routing } from '@app/contracts';
import { MongooseOutboxStore, type OutboxEntry, type OutboxStore } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type Case } from '../domain/case';
import { type OwnerScope } from '../domain/case-scope';
import { type CaseListFilter, type CaseListPosition, type CasePage } from '../domain/case-list';
import { scopeFilter } from './case-scope.filter';
import { caseListQuery } from './case-list.query';
import { type CaseDocument } from './case.schema';
import { caseModel } from './case.model';

/**
 * Cases and their outbox. Every read and write takes the owner's scope first
 * and its query applies it, so one organization can never read or change
 * another's case. State and events are written in one single-document update.
 */
@Injectable()
export class CaseRepository {
  private readonly model: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = caseModel(connection);
  }

  outboxStore(): OutboxStore {
    return new MongooseOutboxStore(this.model as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>);
  }

  async insert(created: Case, event: OutboxEntry): Promise<void> {
    await this.model.create({
      _id: created.caseId,
      ownerOrgId: created.ownerOrgId,
      routing: created.routing,
      status: created.status,
      version: created.version,
      openedAt: created.openedAt,
      updatedAt: created.updatedAt,
      sections: {},
      grants: [],
      consents: [],
      grantsRevision: 0,
      outbox: [event],
    });
  }

  async find(scope: OwnerScope, caseId: string): Promise<Case | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ...scopeFilter(scope), erasedAt: { $exists: false } }, CASE_CORE)
      .lean<CaseDocument>()
      .exec();
    return found ? toCase(found) : undefined;
  }

  /**
   * One page of the scope's cases that match `filter`, newest opened first,
   * starting after `after`. Erased cases are never listed. Reads one case
   * more than `limit` to know whether another page follows.
   */
  async list(
    scope: OwnerScope,
    filter: CaseListFilter,
    limit: number,
    after?: CaseListPosition,
  ): Promise<CasePage<Case>> {
    const found = await this.model
      .find({ ...caseListQuery(filter, after), ...scopeFilter(scope), erasedAt: { $exists: false } }, CASE_CORE)
      .sort({ openedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CaseDocument[]>()
      .exec();
    const items = found.slice(0, limit).map(toCase);
    const last = items.at(-1);
    return found.length > limit && last ? { items, next: { openedAt: last.openedAt, caseId: last.caseId } } : { items };
  }

  /**
   * Writes a close or reopen (`changed`, at the next version) and its event,
   * only if the case is still at `fromVersion`; false when it no longer is.
   */
  async changeStatus(scope: OwnerScope, changed: Case, fromVersion: number, event: OutboxEntry): Promise<boolean> {
    const set = { status: changed.status, version: changed.version, updatedAt: changed.updatedAt };
    const update = changed.closure
      ? { $set: { ...set, closure: changed.closure } }
      : { $set: set, $unset: { closure: '' } };
    const result = await this.model
      .updateOne(
        { _id: changed.caseId, ...scopeFilter(scope), version: fromVersion, erasedAt: { $exists: false } },
        { ...update, $push: { outbox: event } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /**
   * Applies the change only if the case is still at `expectedVersion` and
   * open (a closed case's routing is kept as it was closed); returns the
   * updated case, or undefined.
   */
  async updateRouting(
    scope: OwnerScope,
    caseId: string,
    expectedVersion: number,
    routing: Routing,
  ): Promise<Case | undefined> {
    const updated = await this.model
      .findOneAndUpdate(
        {
          _id: caseId,
          ...scopeFilter(scope),
          version: expectedVersion,
          status: 'open',
          erasedAt: { $exists: false },
        },
        { $set: { routing, version: expectedVersion + 1, updatedAt: new Date() } },
        { new: true, projection: CASE_CORE },
      )
      .lean<CaseDocument>()
      .exec();
    return updated ? toCase(updated) : undefined;
  }
}

/** The case core's fields: never its sections, grants, consents or outbox. */
const CASE_CORE = { routing: 1, ownerOrgId: 1, status: 1, closure: 1, version: 1, openedAt: 1, updatedAt: 1 } as const;

function toCase(document: CaseDocument): Case {
  return {
    caseId: document._id,
    ownerOrgId: document.ownerOrgId,
    routing: document.routing,
    status: document.status,
    version: document.version,
    openedAt: document.openedAt,
    updatedAt: document.updatedAt,
    ...(document.closure ? { closure: { closedAt: document.closure.closedAt, reason: document.closure.reason } } : {}),
  };
}
