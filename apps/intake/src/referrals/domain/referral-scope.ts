/**
 * Who a referral is read or changed for. The sender organization sees and
 * manages its own; the partner sees those made to it. Every repository
 * method takes one, and its query applies it, so no other organization ever
 * loads a referral.
 */
export type ReferralScope =
  | { readonly kind: 'sender'; readonly orgId: string }
  | { readonly kind: 'partner'; readonly orgId: string }
  | { readonly kind: 'either'; readonly orgId: string };

export const senderScope = (orgId: string): ReferralScope => ({ kind: 'sender', orgId });
export const partnerScope = (orgId: string): ReferralScope => ({ kind: 'partner', orgId });
export const eitherSideScope = (orgId: string): ReferralScope => ({ kind: 'either', orgId });
