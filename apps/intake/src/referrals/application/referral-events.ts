import {
  ReferralAcceptedV1,
  ReferralCompletedV1,
  ReferralDeclinedV1,
  ReferralExpiredV1,
  ReferralRequestedV1,
  ReferralWithdrawnV1,
} from '@app/contracts';
import { buildEvent, type EventOrigin } from '@app/messaging';
import { type OutboxEntry } from '@app/persistence';
import { type Referral } from '../domain/referral';

const partiesOf = (referral: Referral) => ({
  referralId: referral.referralId,
  caseId: referral.caseId,
  senderOrgId: referral.senderOrgId,
  partnerOrgId: referral.partnerOrgId,
});

export function requestedEvent(referral: Referral, origin: EventOrigin): OutboxEntry {
  return buildEvent(
    ReferralRequestedV1,
    referral.referralId,
    referral.version,
    {
      ...partiesOf(referral),
      purpose: referral.purpose,
      needCategory: referral.teaser.needCategory,
      respondBy: referral.respondBy.toISOString(),
    },
    origin,
  );
}

/** The event of the state `next` reached from `before`; ids and vocabulary only. */
export function transitionEvent(before: Referral, next: Referral, origin: EventOrigin): OutboxEntry {
  const parties = partiesOf(next);
  const { end } = next;
  if (next.status === 'accepted') return buildEvent(ReferralAcceptedV1, next.referralId, next.version, parties, origin);
  if (!end) throw new Error(`a referral reached ${next.status} without an end`);
  switch (end.status) {
    case 'declined':
      return buildEvent(ReferralDeclinedV1, next.referralId, next.version, { ...parties, reason: end.reason }, origin);
    case 'expired':
      return buildEvent(ReferralExpiredV1, next.referralId, next.version, parties, origin);
    case 'withdrawn':
      return buildEvent(
        ReferralWithdrawnV1,
        next.referralId,
        next.version,
        { ...parties, reason: end.reason, wasAccepted: before.status === 'accepted' },
        origin,
      );
    case 'completed':
      return buildEvent(
        ReferralCompletedV1,
        next.referralId,
        next.version,
        { ...parties, outcome: end.outcome },
        origin,
      );
  }
}
