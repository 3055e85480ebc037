import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type OutboxEntry } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type Tombstone } from '../domain/erasure';
import { type CaseDocument, type StoredErasure } from '../../cases/persistence/case.schema';
import { caseModel } from '../../cases/persistence/case.model';

/** What erasure needs to know about a case before erasing it. */
export interface ErasureCandidate {
  version: number;
  erased: boolean;
}

/**
 * Erasure's reads and writes on the `cases` collection. Every method but the
 * confirmation takes the caller's organization and scopes its query by it;
 * confirmations come from other services, keyed by case id only.
 */
@Injectable()
export class ErasureRepository {
  private readonly model: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = caseModel(connection);
  }

  async findCandidate(orgId: string, caseId: string): Promise<ErasureCandidate | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ownerOrgId: orgId }, { version: 1, erasedAt: 1 })
      .lean<Pick<CaseDocument, 'version' | 'erasedAt'>>()
      .exec();
    return found ? { version: found.version, erased: found.erasedAt !== undefined } : undefined;
  }

  /**
   * Deletes what the case held about the client and leaves the tombstone and
   * the erased event, in one single-document update. Applies only if the case
   * is still at `expectedVersion` and not erased; returns whether it applied.
   *
   * Gone: the sections with their envelopes (without the keys, ciphertext in
   * backups is noise), the routing (its needs say things such as HIV care or
   * an LGBTQI-safe shelter), the grants and the signed consent records (the
   * pseudonymous client reference, who gave consent, the receipt code's hash)
   * and when the case was opened. Kept: id, owner, version, the tombstone.
   * The access log stays (see AccessLogRepository): who read which section
   * when, no content.
   */
  async erase(
    orgId: string,
    caseId: string,
    expectedVersion: number,
    tombstone: Omit<Tombstone, 'caseId'>,
    event: OutboxEntry,
  ): Promise<boolean> {
    const erasure: StoredErasure = {
      legalBasis: tombstone.legalBasis,
      erasedAt: tombstone.erasedAt,
      erasedBySub: tombstone.erasedBySub,
      confirmations: {},
    };
    const result = await this.model
      .updateOne(
        { _id: caseId, ownerOrgId: orgId, version: expectedVersion, erasedAt: { $exists: false } },
        {
          $unset: { sections: '', routing: '', grants: '', consents: '', openedAt: '' },
          $set: { erasedAt: tombstone.erasedAt, erasure, version: expectedVersion + 1, updatedAt: tombstone.erasedAt },
          $push: { outbox: event },
        },
      )
      .exec();
    return result.modifiedCount > 0;
  }

  async findTombstone(orgId: string, caseId: string): Promise<Tombstone | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ownerOrgId: orgId, erasedAt: { $exists: true } }, { erasure: 1 })
      .lean<Pick<CaseDocument, '_id' | 'erasure'>>()
      .exec();
    if (!found?.erasure) return undefined;
    const { legalBasis, erasedAt, erasedBySub, confirmations } = found.erasure;
    return { caseId: found._id, legalBasis, erasedAt, erasedBySub, confirmations: confirmations ?? {} };
  }

  /**
   * Records a service's first confirmation for an erased case; a repeat (or
   * a confirmation for a case that is not erased here) changes nothing.
   * Returns whether it recorded.
   */
  async recordConfirmation(caseId: string, service: string, purgedAt: Date): Promise<boolean> {
    // `service` matches the contract's /^[a-z][a-z-]{1,40}$/: no dots or `$`, so it is safe in a field path.
    const field = `erasure.confirmations.${service}`;
    const result = await this.model
      .updateOne(
        { _id: caseId, erasedAt: { $exists: true }, [field]: { $exists: false } },
        { $set: { [field]: purgedAt } },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
