import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { applyOnce, type ApplyResult, type EventPosition } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type KnownCase, knownCaseSchema } from './known-case.schema';

export interface KnownCaseView {
  caseId: string;
  ownerOrgId: string;
  sequence: number;
  eventsReceived: number;
  updatedAt: string;
}

/** `erased`: the case was erased; the event was refused and nothing was written. */
export type RecordResult = ApplyResult | 'erased';

/** `already_erased`: a redelivered erasure; nothing was left to purge. */
export type PurgeResult = 'purged' | 'already_erased';

type StoredKnownCase = KnownCase & { erasedAt?: Date };

/**
 * An erased case holds the newest state there can be. applyOnce writes an
 * event's state only over an older sequence, so no case event (late,
 * replayed, or even one intake should never have sent after the erasure) can
 * bring an erased case back, whatever the interleaving with the purge.
 */
const ERASED_SEQUENCE = Number.MAX_SAFE_INTEGER;

const DUPLICATE_KEY = 11000;

@Injectable()
export class KnownCaseRepository implements OnModuleInit {
  private readonly model: Model<StoredKnownCase>;
  private readonly logger = new Logger(KnownCaseRepository.name);

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.model<StoredKnownCase>('KnownCase', knownCaseSchema);
  }

  /**
   * Copies made from intake.case.opened.v1 and routing-updated.v1 held the
   * case's routing, specific needs included. No service uses it, so it is
   * removed wherever it is still stored (docs/privacy.md); once done, this
   * finds nothing.
   */
  async onModuleInit(): Promise<void> {
    // After the model's index builds, which the test server (mongo-java-server) fails to run beside writes.
    await this.model.init();
    // Not strict: the schema no longer has the field, and mongoose would drop it from the update.
    const { modifiedCount } = await this.model
      .updateMany({ routing: { $exists: true } }, { $unset: { routing: '' } }, { strict: false })
      .exec();
    if (modifiedCount > 0) this.logger.log({ msg: 'removed routing stored by earlier versions', cases: modifiedCount });
  }

  async record(position: EventPosition, ownerOrgId: string): Promise<RecordResult> {
    // Not what keeps an erased case erased (ERASED_SEQUENCE does, atomically);
    // it only spares the tombstone the receipt bookkeeping of a replayed event.
    if (await this.isErased(position.aggregateId)) return 'erased';
    return applyOnce(this.model, position, {
      state: { ownerOrgId, updatedAt: new Date() },
      onReceipt: { $inc: { eventsReceived: 1 } },
    });
  }

  /**
   * Forgets who owns the case, and leaves a tombstone
   * `{_id, erasedAt}` plus the ordering guard. Idempotent: a redelivered
   * erasure finds the tombstone and changes nothing.
   */
  async purge(caseId: string, erasedAt: Date): Promise<PurgeResult> {
    const notErased = { _id: caseId, erasedAt: { $exists: false } };
    const tombstone = {
      $set: { erasedAt, lastSequence: ERASED_SEQUENCE },
      $unset: { ownerOrgId: '', updatedAt: '', received: '', eventsReceived: '' },
    };
    try {
      // Upsert: topics are per event type, so the erasure can overtake the
      // case's first event, and the tombstone must be there to refuse it.
      const result = await this.model
        .updateOne(notErased, tombstone, { upsert: true, setDefaultsOnInsert: false })
        .exec();
      return result.modifiedCount + result.upsertedCount > 0 ? 'purged' : 'already_erased';
    } catch (error) {
      // A document with this id exists and the filter missed it: it is erased
      // already, or a case event created it between the filter and the insert.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    const retried = await this.model.updateOne(notErased, tombstone).exec();
    return retried.modifiedCount > 0 ? 'purged' : 'already_erased';
  }

  /** Scoped by organization: another organization's case is simply not found, and so is an erased one. */
  async findForOrganization(orgId: string, caseId: string): Promise<KnownCaseView | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ownerOrgId: orgId, erasedAt: { $exists: false } })
      .lean<KnownCase>()
      .exec();
    return found
      ? {
          caseId: found._id,
          ownerOrgId: found.ownerOrgId,
          sequence: found.lastSequence,
          eventsReceived: found.eventsReceived,
          updatedAt: found.updatedAt.toISOString(),
        }
      : undefined;
  }

  private async isErased(caseId: string): Promise<boolean> {
    return (await this.model.exists({ _id: caseId, erasedAt: { $exists: true } }).exec()) !== null;
  }
}
