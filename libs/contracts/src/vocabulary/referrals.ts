import { z } from 'zod';

/**
 * A referral's states, after FHIR's ServiceRequest and Primero's referral
 * flow (domain.md): requested, then accepted, declined, expired or
 * withdrawn; an accepted referral ends completed or withdrawn.
 */
export const REFERRAL_STATUSES = ['requested', 'accepted', 'declined', 'expired', 'withdrawn', 'completed'] as const;
export const referralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatus>;

/** States a referral never leaves. */
export const ENDED_REFERRAL_STATUSES = [
  'declined',
  'expired',
  'withdrawn',
  'completed',
] as const satisfies readonly ReferralStatus[];

/**
 * Why a partner declines. Plaintext, so about the partner, never the client:
 * - no_capacity: it cannot take another case now;
 * - outside_scope: not a service or procedure it takes on;
 * - conflict_of_interest: it represents or represented an adverse party;
 * - language_unavailable: it cannot serve the client's language;
 * - other: none of these.
 */
export const REFERRAL_DECLINE_REASONS = [
  'no_capacity',
  'outside_scope',
  'conflict_of_interest',
  'language_unavailable',
  'other',
] as const;
export const referralDeclineReason = z.enum(REFERRAL_DECLINE_REASONS);
export type ReferralDeclineReason = z.infer<typeof referralDeclineReason>;

/**
 * Why a referral was withdrawn:
 * - sender_withdrew: the sending organization took it back;
 * - consent_withdrawn: the client withdrew the grant it relied on;
 * - consent_superseded: a new consent version no longer covers it;
 * - consent_expired: the grant it relied on ran out;
 * - case_erased: the case was erased.
 */
export const REFERRAL_WITHDRAWAL_REASONS = [
  'sender_withdrew',
  'consent_withdrawn',
  'consent_superseded',
  'consent_expired',
  'case_erased',
] as const;
export const referralWithdrawalReason = z.enum(REFERRAL_WITHDRAWAL_REASONS);
export type ReferralWithdrawalReason = z.infer<typeof referralWithdrawalReason>;

/**
 * How an accepted referral ended, as the partner reports it:
 * - representation_provided: it represented the client in the procedure;
 * - services_provided: it provided the (non-legal) services referred for;
 * - client_declined: the client chose not to go on with it;
 * - client_unreachable: the partner could not reach the client;
 * - transferred: it passed the case to another provider;
 * - other: none of these.
 */
export const REFERRAL_OUTCOMES = [
  'representation_provided',
  'services_provided',
  'client_declined',
  'client_unreachable',
  'transferred',
  'other',
] as const;
export const referralOutcome = z.enum(REFERRAL_OUTCOMES);
export type ReferralOutcome = z.infer<typeof referralOutcome>;

/**
 * A referral id, made by the sender's SDK (`ref_` and 22 base64url
 * characters, 128 random bits) so that the teaser note sealed before the
 * request can name the referral it belongs to.
 */
export const REFERRAL_ID_PATTERN = /^ref_[A-Za-z0-9_-]{22}$/;
export const referralId = z
  .string()
  .regex(REFERRAL_ID_PATTERN, 'expected a referral id (ref_ and 22 base64url characters)');

/** How long a partner has to answer when the sender names no deadline, and the longest a sender may give. */
export const REFERRAL_DEFAULT_RESPONSE_DAYS = 7;
export const REFERRAL_MAX_RESPONSE_DAYS = 30;
