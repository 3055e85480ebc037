import { Schema } from 'mongoose';
import { type ProviderProfile } from '../domain/provider-entry';

/** A referral holding one unit of the provider's capacity, and since when (for the reconciler). */
export interface CapacityHolder {
  referralId: string;
  since: Date;
}

/**
 * One organization's directory entry; `_id` is its organization id, so it has
 * at most one. `openSlots` is the capacity minus the holders, kept as its own
 * counter so that taking a slot is one conditional update (`openSlots > 0`,
 * the referral not already a holder): exact under any concurrency, on any
 * replica, with no read before the write.
 */
export type ProviderEntryDocument = {
  -readonly [K in keyof ProviderProfile]: ProviderProfile[K] extends readonly (infer T)[] ? T[] : ProviderProfile[K];
} & {
  _id: string;
  listed: boolean;
  version: number;
  updatedAt: Date;
  openSlots: number;
  holders: CapacityHolder[];
};

const holderSchema = new Schema<CapacityHolder>(
  { referralId: { type: String, required: true }, since: { type: Date, required: true } },
  { _id: false },
);

export const providerEntrySchema = new Schema<ProviderEntryDocument>(
  {
    _id: { type: String, required: true },
    listed: { type: Boolean, required: true },
    displayName: { type: String, required: true },
    services: { type: [String], required: true },
    practiceScopes: { type: [String], required: true },
    languages: { type: [String], required: true },
    regionsServed: { type: [String], required: true },
    nationwide: { type: [String], required: true },
    acceptingReferrals: { type: Boolean, required: true },
    referralCapacity: { type: Number, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    openSlots: { type: Number, required: true },
    holders: { type: [holderSchema], default: [] },
  },
  { collection: 'provider_directory', versionKey: false },
);

providerEntrySchema.index({ listed: 1, services: 1 });
