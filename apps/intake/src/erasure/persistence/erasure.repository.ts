import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type OutboxEntry } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type Tombstone } from '../domain/erasure';
import { type CaseDocument, type StoredErasure } from '../../cases/persistence/case.schema';
import { caseModel } from '../../cases/persistence/case.model';
import { scopeFilter } from '../../cases/persistence/case-scope.filter';
import { type OwnerScope } from '../../cases/domain/case-scope';

/** What erasure needs to know about a case before erasing it. */
export interface ErasureCandidate {
  version: number;
  /** Bumped by every consent write: the erasure applies only if no receipt was added since it read them. */
  grantsRevision: number;
  erased: boolean;
  receiptCodeHashes: string[];
}

/**
 * Erasure's reads and writes on the `cases` collection. Every method but the
 * confirmation takes the owner's scope first and its query applies it;
 * confirmations come from other services, keyed by case id only, and touch
 * nothing but the tombstone's list of confirmations.
 */
@Injectable()
export class ErasureRepository {
  private readonly model: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = caseModel(connection);
  }

  async findCandidate(scope: OwnerScope, caseId: string): Promise<ErasureCandidate | undefined> {
    const found = await this.model
      .findOne(
        { _id: caseId, ...scopeFilter(scope) },
        { version: 1, grantsRevision: 1, erasedAt: 1, 'consents.receiptCodeHash': 1 },
      )
      .lean<Pick<CaseDocument, 'version' | 'grantsRevision' | 'erasedAt' | 'consents'>>()
      .exec();
    if (!found) return undefined;
    return {
      version: found.version,
      grantsRevision: found.grantsRevision,
      erased: found.erasedAt !== undefined,
      receiptCodeHashes: (found.consents ?? []).map((consent) => consent.receiptCodeHash),
    };
  }

  /**
   * Deletes what the case held about the client and leaves the tombstone and
   * the erased event, in one single-document update. Applies only if the case
   * is still as the candidate read it (version, grants revision) and not erased; returns whether it applied.
   *
   * Gone: the sections with their envelopes (without the keys, ciphertext in
   * backups is noise), the routing (its needs say things such as HIV care or
   * an LGBTQI-safe shelter), the grants and the signed consent records (the
   * pseudonymous client reference, who gave consent, the receipt code's hash)
   * and when the case was opened. Kept: id, owner, version, the tombstone,
   * and the receipt codes' hashes. The access log stays (see
   * AccessLogRepository): who read which section when, no content; the owner
   * and the client (with a receipt code) can still read it.
   */
  async erase(
    scope: OwnerScope,
    caseId: string,
    candidate: ErasureCandidate,
    tombstone: Omit<Tombstone, 'caseId'>,
    event: OutboxEntry,
  ): Promise<boolean> {
    const { version: expectedVersion, grantsRevision } = candidate;
    const erasure: StoredErasure = {
      legalBasis: tombstone.legalBasis,
      erasedAt: tombstone.erasedAt,
      erasedBySub: tombstone.erasedBySub,
      confirmations: {},
      receiptCodeHashes: candidate.receiptCodeHashes,
    };
    const result = await this.model
      .updateOne(
        { _id: caseId, ...scopeFilter(scope), version: expectedVersion, grantsRevision, erasedAt: { $exists: false } },
        {
          $unset: { sections: '', routing: '', grants: '', consents: '', openedAt: '' },
          $set: { erasedAt: tombstone.erasedAt, erasure, version: expectedVersion + 1, updatedAt: tombstone.erasedAt },
          $push: { outbox: event },
        },
      )
      .exec();
    return result.modifiedCount > 0;
  }

  async findTombstone(scope: OwnerScope, caseId: string): Promise<Tombstone | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ...scopeFilter(scope), erasedAt: { $exists: true } }, { erasure: 1 })
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
