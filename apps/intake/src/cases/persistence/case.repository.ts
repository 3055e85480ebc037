import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type Routing } from '@app/contracts';
import { MongooseOutboxStore, type OutboxEntry, type OutboxStore } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type Case } from '../domain/case';
import { type OwnerScope } from '../domain/case-scope';
import { scopeFilter } from './case-scope.filter';
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
      .findOne(
        { _id: caseId, ...scopeFilter(scope), erasedAt: { $exists: false } },
        { routing: 1, ownerOrgId: 1, version: 1, openedAt: 1, updatedAt: 1 },
      )
      .lean<CaseDocument>()
      .exec();
    return found ? toCase(found) : undefined;
  }

  /** Applies the change only if the case is still at `expectedVersion`; returns the updated case, or undefined. */
  async updateRouting(
    scope: OwnerScope,
    caseId: string,
    expectedVersion: number,
    routing: Routing,
  ): Promise<Case | undefined> {
    const updated = await this.model
      .findOneAndUpdate(
        { _id: caseId, ...scopeFilter(scope), version: expectedVersion, erasedAt: { $exists: false } },
        { $set: { routing, version: expectedVersion + 1, updatedAt: new Date() } },
        { new: true, projection: { routing: 1, ownerOrgId: 1, version: 1, openedAt: 1, updatedAt: 1 } },
      )
      .lean<CaseDocument>()
      .exec();
    return updated ? toCase(updated) : undefined;
  }
}

function toCase(document: CaseDocument): Case {
  return {
    caseId: document._id,
    ownerOrgId: document.ownerOrgId,
    routing: document.routing,
    version: document.version,
    openedAt: document.openedAt,
    updatedAt: document.updatedAt,
  };
}
