import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type FilterQuery, type Model } from 'mongoose';
import { type ReferralStatus } from '@app/contracts';
import { MONGO_CONNECTION, MongooseOutboxStore, type OutboxEntry, type OutboxStore } from '@app/persistence';
import { type Referral, isOpen } from '../domain/referral';
import { type ReferralScope } from '../domain/referral-scope';
import { type ReferralDocument, openPairOf, referralSchema } from './referral.schema';

const DUPLICATE_KEY = 11000;
const WITHOUT_OUTBOX = { outbox: 0 } as const;

export interface ReferralListPosition {
  readonly createdAt: Date;
  readonly referralId: string;
}

function scopeFilter(scope: ReferralScope): FilterQuery<ReferralDocument> {
  if (scope.kind === 'sender') return { senderOrgId: scope.orgId };
  if (scope.kind === 'partner') return { partnerOrgId: scope.orgId };
  return { $or: [{ senderOrgId: scope.orgId }, { partnerOrgId: scope.orgId }] };
}

/**
 * Referrals and their outbox. Each change is one conditional update on the
 * version the caller decided on, with its event, so two replicas deciding on
 * the same referral (two acceptances, an acceptance and the expiry sweep)
 * cannot both land.
 */
@Injectable()
export class ReferralRepository {
  private readonly model: Model<ReferralDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    const existing = connection.models.Referral as Model<ReferralDocument> | undefined;
    this.model = existing ?? connection.model<ReferralDocument>('Referral', referralSchema);
  }

  outboxStore(): OutboxStore {
    return new MongooseOutboxStore(this.model as unknown as Model<{ _id: unknown; outbox: OutboxEntry[] }>);
  }

  /**
   * Stores a new requested referral with its event. Refused when a referral
   * with that id exists (the sender's SDK made the id), or when the case
   * already has an open referral to that partner, which two simultaneous
   * requests could both have checked for and missed.
   */
  async insert(referral: Referral, event: OutboxEntry): Promise<'inserted' | 'id_taken' | 'already_open'> {
    const { referralId, ...rest } = referral;
    try {
      await this.model.create({ _id: referralId, ...rest, openPair: openPairOf(referral), outbox: [event] });
      return 'inserted';
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      // Which key clashed, from the data rather than from the server's wording of the error.
      return (await this.model.exists({ _id: referralId }).exec()) ? 'id_taken' : 'already_open';
    }
  }

  async find(scope: ReferralScope, referralId: string): Promise<Referral | undefined> {
    const found = await this.model
      .findOne({ _id: referralId, ...scopeFilter(scope) }, WITHOUT_OUTBOX)
      .lean<ReferralDocument>()
      .exec();
    return found ? toReferral(found) : undefined;
  }

  /**
   * Writes `next` over the referral if it is still at `current`'s version,
   * with its event. The held envelopes go with the state: an ended referral
   * stores none.
   */
  async transition(current: Referral, next: Referral, event: OutboxEntry): Promise<boolean> {
    const $set: Record<string, unknown> = {
      status: next.status,
      version: next.version,
      updatedAt: next.updatedAt,
      heldEnvelopes: next.heldEnvelopes,
    };
    if (next.acceptedAt) $set.acceptedAt = next.acceptedAt;
    if (next.end) $set.end = next.end;
    const ended = !isOpen(next);
    const { modifiedCount } = await this.model
      .updateOne(
        { _id: current.referralId, version: current.version, status: current.status },
        { $set, $push: { outbox: event }, ...(ended ? { $unset: { openPair: '' } } : {}) },
      )
      .exec();
    return modifiedCount === 1;
  }

  /** Marks an accepted referral's envelopes as released into the case, and drops its copy of them. */
  async markReleased(referralId: string, at: Date): Promise<void> {
    await this.model
      .updateOne(
        { _id: referralId, status: 'accepted', releasedAt: { $exists: false } },
        { $set: { releasedAt: at, heldEnvelopes: [] } },
      )
      .exec();
  }

  /** Marks a withdrawn accepted referral's case as taken back from the partner. */
  async markRevoked(referralId: string, at: Date): Promise<void> {
    await this.model
      .updateOne({ _id: referralId, status: 'withdrawn', revokedAt: { $exists: false } }, { $set: { revokedAt: at } })
      .exec();
  }

  /** One page of the scope's referrals, newest first, after `after`. Reads one more to know whether a page follows. */
  async list(
    scope: ReferralScope,
    status: ReferralStatus | undefined,
    limit: number,
    after?: ReferralListPosition,
  ): Promise<{ items: Referral[]; more: boolean }> {
    const filter: FilterQuery<ReferralDocument> = { ...scopeFilter(scope) };
    if (status) filter.status = status;
    if (after) {
      filter.$and = [
        {
          $or: [
            { createdAt: { $lt: after.createdAt } },
            { createdAt: after.createdAt, _id: { $lt: after.referralId } },
          ],
        },
      ];
    }
    const found = await this.model
      .find(filter, { ...WITHOUT_OUTBOX, heldEnvelopes: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ReferralDocument[]>()
      .exec();
    return { items: found.slice(0, limit).map(toReferral), more: found.length > limit };
  }

  /**
   * The case's open referrals whoever sent them, for intake's own consent and
   * erasure events (the case id is all they name; the owner sent them all).
   */
  async openForCaseId(caseId: string): Promise<Referral[]> {
    const found = await this.model
      .find({ caseId, status: { $in: ['requested', 'accepted'] } }, WITHOUT_OUTBOX)
      .lean<ReferralDocument[]>()
      .exec();
    return found.map(toReferral);
  }

  /**
   * Across organizations, for the sweeper: requested referrals past their
   * deadline, accepted ones whose release did not finish, and withdrawn
   * accepted ones whose case was not yet taken back. The sweeper
   * acts for the system, and each change is still one guarded write.
   */
  async due(now: Date, limit: number): Promise<Referral[]> {
    const found = await this.model
      .find(
        {
          $or: [
            { status: 'requested', respondBy: { $lte: now } },
            { status: 'accepted', releasedAt: { $exists: false } },
            { status: 'withdrawn', acceptedAt: { $exists: true }, revokedAt: { $exists: false } },
          ],
        },
        WITHOUT_OUTBOX,
      )
      .limit(limit)
      .lean<ReferralDocument[]>()
      .exec();
    return found.map(toReferral);
  }

  /** Referrals still open, across organizations, for the sweep that re-checks their consent. */
  async open(limit: number, afterId?: string): Promise<Referral[]> {
    const filter: FilterQuery<ReferralDocument> = { status: { $in: ['requested', 'accepted'] } };
    if (afterId) filter._id = { $gt: afterId };
    const found = await this.model
      .find(filter, WITHOUT_OUTBOX)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<ReferralDocument[]>()
      .exec();
    return found.map(toReferral);
  }
}

function toReferral(document: ReferralDocument): Referral {
  const { _id, outbox: _outbox, openPair: _openPair, ...rest } = document;
  return { ...rest, referralId: _id, heldEnvelopes: rest.heldEnvelopes ?? [] };
}
