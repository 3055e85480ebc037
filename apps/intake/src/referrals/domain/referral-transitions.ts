import {
  type ReferralDeclineReason,
  type ReferralOutcome,
  type ReferralStatus,
  type ReferralWithdrawalReason,
} from '@app/contracts';
import { type Referral, type ReferralEnd } from './referral';

/** A change of state, asked by someone or by the clock. */
export type ReferralChange =
  | { readonly kind: 'accept'; readonly at: Date }
  | { readonly kind: 'decline'; readonly reason: ReferralDeclineReason; readonly at: Date }
  | { readonly kind: 'expire'; readonly at: Date }
  | { readonly kind: 'withdraw'; readonly reason: ReferralWithdrawalReason; readonly at: Date }
  | { readonly kind: 'complete'; readonly outcome: ReferralOutcome; readonly at: Date };

/**
 * From which states each change may start (domain.md): requested → accepted |
 * declined | expired | withdrawn; accepted → completed | withdrawn.
 */
const ALLOWED_FROM: Readonly<Record<ReferralChange['kind'], readonly ReferralStatus[]>> = {
  accept: ['requested'],
  decline: ['requested'],
  expire: ['requested'],
  withdraw: ['requested', 'accepted'],
  complete: ['accepted'],
};

export function allowedFrom(change: ReferralChange['kind']): readonly ReferralStatus[] {
  return ALLOWED_FROM[change];
}

/** The referral after the change, or undefined when its state does not allow it. */
export function applyReferralChange(referral: Referral, change: ReferralChange): Referral | undefined {
  if (!ALLOWED_FROM[change.kind].includes(referral.status)) return undefined;
  if (change.kind === 'expire' && change.at < referral.respondBy) return undefined;
  const base = { ...referral, version: referral.version + 1, updatedAt: change.at };
  if (change.kind === 'accept') return { ...base, status: 'accepted', acceptedAt: change.at };
  const end = endOf(change);
  // Whatever ends a referral deletes the keys it still holds: only an acceptance ever releases them.
  return { ...base, status: end.status, end, heldEnvelopes: [] };
}

function endOf(change: Exclude<ReferralChange, { kind: 'accept' }>): ReferralEnd {
  switch (change.kind) {
    case 'decline':
      return { status: 'declined', reason: change.reason, at: change.at };
    case 'expire':
      return { status: 'expired', at: change.at };
    case 'withdraw':
      return { status: 'withdrawn', reason: change.reason, at: change.at };
    case 'complete':
      return { status: 'completed', outcome: change.outcome, at: change.at };
  }
}
