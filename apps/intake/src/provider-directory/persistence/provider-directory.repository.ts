import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type FilterQuery, type Model } from 'mongoose';
import { countryOfRegion } from '@app/contracts';
import { MONGO_CONNECTION } from '@app/persistence';
import { type ProviderEntry, type ProviderProfile } from '../domain/provider-entry';
import { type ProviderSearch } from '../domain/provider-search';
import { type ProviderEntryDocument, providerEntrySchema } from './provider-entry.schema';

const DUPLICATE_KEY = 11000;

/** What taking one unit of capacity for a referral came to. */
export type SlotOutcome = 'taken' | 'already_held' | 'none_open';

/** A write that found the entry at another version than the one it was based on. */
export class StaleEntryError extends Error {
  constructor() {
    super('the directory entry changed since it was read');
  }
}

const ENTRY_FIELDS = { holders: 0 } as const;

/**
 * The provider directory: one entry per organization, and the capacity
 * counter referrals take from. Entries are public, so there is no owner
 * scope on reads; every write names the organization it was authorized for.
 */
@Injectable()
export class ProviderDirectoryRepository {
  private readonly model: Model<ProviderEntryDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    const existing = connection.models.ProviderEntry as Model<ProviderEntryDocument> | undefined;
    this.model = existing ?? connection.model<ProviderEntryDocument>('ProviderEntry', providerEntrySchema);
  }

  /** The entry as stored, listed or not; the service decides what an unlisted one means. */
  async findAny(orgId: string): Promise<(ProviderEntry & { listed: boolean }) | undefined> {
    const found = await this.model.findById(orgId, ENTRY_FIELDS).lean<ProviderEntryDocument>().exec();
    return found ? { ...toEntry(found), listed: found.listed } : undefined;
  }

  /** Writes a first entry at version 1; throws StaleEntryError when another first write won. */
  async insert(orgId: string, profile: ProviderProfile, at: Date): Promise<void> {
    try {
      await this.model.create({
        _id: orgId,
        listed: true,
        ...profile,
        version: 1,
        updatedAt: at,
        openSlots: profile.referralCapacity,
        holders: [],
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) throw new StaleEntryError();
      throw error;
    }
  }

  /**
   * Replaces the profile of the entry at `basedOn`, and lists it again. The
   * capacity change moves `openSlots` by the difference, relative to its
   * value at write time, so acceptances landing meanwhile are kept.
   */
  async replace(basedOn: ProviderEntry, profile: ProviderProfile, at: Date): Promise<void> {
    const { matchedCount } = await this.model
      .updateOne(
        { _id: basedOn.orgId, version: basedOn.version },
        {
          $set: { ...profile, listed: true, version: basedOn.version + 1, updatedAt: at },
          $inc: { openSlots: profile.referralCapacity - basedOn.referralCapacity },
        },
      )
      .exec();
    if (matchedCount !== 1) throw new StaleEntryError();
  }

  /** Takes the entry out of search; referrals it holds keep their slots. */
  async unlist(basedOn: ProviderEntry, at: Date): Promise<void> {
    const { matchedCount } = await this.model
      .updateOne(
        { _id: basedOn.orgId, version: basedOn.version },
        { $set: { listed: false, version: basedOn.version + 1, updatedAt: at } },
      )
      .exec();
    if (matchedCount !== 1) throw new StaleEntryError();
  }

  /** Listed entries matching every term of the search, at most `limit` of them, in no particular order. */
  async candidates(search: ProviderSearch, limit: number): Promise<ProviderEntry[]> {
    const filter: FilterQuery<ProviderEntryDocument> = { listed: true };
    if (search.service) filter.services = search.service;
    if (search.scope) filter.practiceScopes = search.scope;
    if (search.language) filter.languages = search.language;
    if (search.region) {
      filter.$or = [{ regionsServed: search.region }, { nationwide: countryOfRegion(search.region) }];
    }
    if (search.withOpenCapacity) {
      filter.acceptingReferrals = true;
      filter.openSlots = { $gt: 0 };
    }
    const found = await this.model.find(filter, ENTRY_FIELDS).limit(limit).lean<ProviderEntryDocument[]>().exec();
    return found.map(toEntry);
  }

  /**
   * Takes one unit of the organization's capacity for a referral, in one
   * conditional update: the entry listed and accepting, a unit open, and the
   * referral not already holding one (so a retried acceptance takes none).
   */
  async takeSlot(orgId: string, referralId: string, at: Date): Promise<SlotOutcome> {
    const { modifiedCount } = await this.model
      .updateOne(
        {
          _id: orgId,
          listed: true,
          acceptingReferrals: true,
          openSlots: { $gt: 0 },
          'holders.referralId': { $ne: referralId },
        },
        { $inc: { openSlots: -1 }, $push: { holders: { referralId, since: at } } },
      )
      .exec();
    if (modifiedCount === 1) return 'taken';
    const holding = await this.model.exists({ _id: orgId, 'holders.referralId': referralId }).exec();
    return holding ? 'already_held' : 'none_open';
  }

  /** Gives a referral's unit back; a referral holding none changes nothing, so a retried release is harmless. */
  async releaseSlot(orgId: string, referralId: string): Promise<void> {
    await this.model
      .updateOne(
        { _id: orgId, 'holders.referralId': referralId },
        { $inc: { openSlots: 1 }, $pull: { holders: { referralId } } },
      )
      .exec();
  }

  /** Holders taken before `before`, for the reconciler that frees units a crash left behind. */
  async holdersSince(before: Date, limit: number): Promise<{ orgId: string; referralId: string }[]> {
    const found = await this.model
      .find({ 'holders.since': { $lt: before } }, { holders: 1 })
      .limit(limit)
      .lean<Pick<ProviderEntryDocument, '_id' | 'holders'>[]>()
      .exec();
    return found.flatMap(({ _id, holders }) =>
      holders
        .filter((holder) => holder.since < before)
        .map((holder) => ({ orgId: _id, referralId: holder.referralId })),
    );
  }
}

function toEntry(document: ProviderEntryDocument): ProviderEntry {
  return {
    orgId: document._id,
    displayName: document.displayName,
    services: document.services,
    practiceScopes: document.practiceScopes,
    languages: document.languages,
    regionsServed: document.regionsServed,
    nationwide: document.nationwide,
    acceptingReferrals: document.acceptingReferrals,
    referralCapacity: document.referralCapacity,
    version: document.version,
    updatedAt: document.updatedAt,
    openReferrals: document.referralCapacity - document.openSlots,
  };
}
