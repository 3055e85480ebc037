import { type CaseSection, type NeedCategory, type Purpose } from '@app/contracts';
import { type SealedNote } from '../domain/referral';

/** A referral request as the sender's SDK sends it; envelopes are parsed and checked by the use case. */
export interface ReferralRequest {
  readonly referralId: string;
  readonly partnerOrgId: string;
  readonly purpose: Purpose;
  readonly sections: readonly CaseSection[];
  readonly needCategory: NeedCategory;
  /** Parsed from RFC 3339 by the HTTP layer; default 7 days from now. */
  readonly respondBy?: Date;
  readonly note?: SealedNote;
  readonly envelopes: readonly unknown[];
}
