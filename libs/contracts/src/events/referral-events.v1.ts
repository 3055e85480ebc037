import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';
import { caseId } from '../vocabulary/case-id';
import { purpose } from '../vocabulary/consent';
import { needCategory } from '../vocabulary/routing';
import { referralDeclineReason, referralId, referralOutcome, referralWithdrawalReason } from '../vocabulary/referrals';

// Every referral event carries ids, states and vocabulary only: never the
// note, the sections' content or anything else about the client.
const parties = { referralId, caseId, senderOrgId: entityId, partnerOrgId: entityId };
const COMMON = { aggregate: 'referral', producers: ['intake'], retentionDays: 30 } as const;

export const ReferralRequestedV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.requested',
  version: 1,
  description:
    'A sending organization referred a case to a partner, who must answer by `respondBy`. The partner sees the ' +
    'teaser only until it accepts.',
  data: z.strictObject({ ...parties, purpose, needCategory, respondBy: z.iso.datetime({ offset: false }) }),
});

export const ReferralAcceptedV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.accepted',
  version: 1,
  description: "The partner accepted, within its referral capacity; intake released the consented sections' keys.",
  data: z.strictObject(parties),
});

export const ReferralDeclinedV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.declined',
  version: 1,
  description: 'The partner declined, for a reason from a closed vocabulary; the held keys were deleted.',
  data: z.strictObject({ ...parties, reason: referralDeclineReason }),
});

export const ReferralWithdrawnV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.withdrawn',
  version: 1,
  description:
    'The referral was withdrawn: by the sender, or because the consent no longer covers it, or the case was ' +
    'erased. `wasAccepted` says whether the partner had the sections (their keys are deleted either way).',
  data: z.strictObject({ ...parties, reason: referralWithdrawalReason, wasAccepted: z.boolean() }),
});

export const ReferralExpiredV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.expired',
  version: 1,
  description: 'The partner did not answer by the deadline; the held keys were deleted. Published once per referral.',
  data: z.strictObject(parties),
});

export const ReferralCompletedV1 = defineEvent({
  ...COMMON,
  type: 'intake.referral.completed',
  version: 1,
  description: 'The partner ended an accepted referral with an outcome from a closed vocabulary.',
  data: z.strictObject({ ...parties, outcome: referralOutcome }),
});
