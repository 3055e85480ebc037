import { type KeyEnvelope } from '@app/crypto';
import {
  type CaseSection,
  type NeedCategory,
  type Purpose,
  type ReferralDeclineReason,
  type ReferralOutcome,
  type ReferralStatus,
  type ReferralWithdrawalReason,
  type RegionCode,
  type Urgency,
} from '@app/contracts';

/** A teaser note sealed to the partner by the sender's SDK; intake stores it as received and cannot open it. */
export interface SealedNote {
  readonly v: number;
  readonly alg: string;
  readonly recipientOrgId: string;
  readonly recipientKeyId: string;
  readonly sealed: string;
}

/** All a partner sees before it accepts: coarse routing terms and a note only it can open. No identity. */
export interface Teaser {
  readonly needCategory: NeedCategory;
  readonly regionCode: RegionCode;
  readonly languages: readonly string[];
  readonly urgency: Urgency;
  readonly note?: SealedNote;
}

/** How a referral ended, when it did. */
export type ReferralEnd =
  | { readonly status: 'declined'; readonly reason: ReferralDeclineReason; readonly at: Date }
  | { readonly status: 'expired'; readonly at: Date }
  | { readonly status: 'withdrawn'; readonly reason: ReferralWithdrawalReason; readonly at: Date }
  | { readonly status: 'completed'; readonly outcome: ReferralOutcome; readonly at: Date };

export interface Referral {
  readonly referralId: string;
  readonly caseId: string;
  readonly senderOrgId: string;
  readonly partnerOrgId: string;
  readonly purpose: Purpose;
  readonly sections: readonly CaseSection[];
  readonly teaser: Teaser;
  readonly status: ReferralStatus;
  /** Optimistic concurrency, and the sequence of the referral's events. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Unanswered by then, the sweeper expires it. */
  readonly respondBy: Date;
  readonly acceptedAt?: Date;
  /** When the held envelopes reached the case's sections (acceptance writes the referral first, then releases). */
  readonly releasedAt?: Date;
  /** When a withdrawn accepted referral's case was taken back from the partner (envelopes deleted, keys retired). */
  readonly revokedAt?: Date;
  readonly end?: ReferralEnd;
  /**
   * The consented sections' data keys sealed to the partner, held until it
   * accepts; deleted when the referral ends any other way. Never served.
   */
  readonly heldEnvelopes: readonly KeyEnvelope[];
}

/** Requested or accepted: what a consent change or an erasure must still act on. */
export function isOpen(referral: Pick<Referral, 'status'>): boolean {
  return referral.status === 'requested' || referral.status === 'accepted';
}
