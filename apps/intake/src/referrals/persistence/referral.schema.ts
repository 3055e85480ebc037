import { Schema } from 'mongoose';
import { type OutboxEntry, withOutbox } from '@app/persistence';
import { type Referral } from '../domain/referral';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A referral as stored: `_id` is its id; the outbox carries its events in the same single-document writes. */
export type ReferralDocument = Omit<Mutable<Referral>, 'referralId'> & {
  _id: string;
  /** `caseId|partnerOrgId` while the referral is open, absent once it ended: at most one open per case and partner. */
  openPair?: string;
  outbox: OutboxEntry[];
};

/** The value of `openPair` for an open referral. */
export function openPairOf(referral: Pick<Referral, 'caseId' | 'partnerOrgId'>): string {
  return `${referral.caseId}|${referral.partnerOrgId}`;
}

export const referralSchema = withOutbox(
  new Schema<ReferralDocument>(
    {
      _id: { type: String, required: true },
      caseId: { type: String, required: true },
      senderOrgId: { type: String, required: true },
      partnerOrgId: { type: String, required: true },
      purpose: { type: String, required: true },
      sections: { type: [String], required: true },
      teaser: { type: Object, required: true },
      status: { type: String, required: true },
      version: { type: Number, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      respondBy: { type: Date, required: true },
      acceptedAt: { type: Date },
      releasedAt: { type: Date },
      revokedAt: { type: Date },
      end: { type: Object },
      heldEnvelopes: { type: [Object], default: [] },
      openPair: { type: String },
    },
    { collection: 'referrals', versionKey: false, minimize: false },
  ),
);

// Each side lists its own, newest first; the case's open referrals are found when consent changes.
referralSchema.index({ senderOrgId: 1, createdAt: -1, _id: -1 });
referralSchema.index({ partnerOrgId: 1, createdAt: -1, _id: -1 });
referralSchema.index({ caseId: 1, status: 1 });
// Two simultaneous requests for the same case and partner: the store lets one in (sparse: ended ones drop the key).
referralSchema.index({ openPair: 1 }, { unique: true, sparse: true });
// The sweeper: requested referrals by deadline, and accepted ones not yet released.
referralSchema.index({ status: 1, respondBy: 1 });
