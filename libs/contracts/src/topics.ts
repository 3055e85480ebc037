import { type EventContract } from './event-contract';
import { CaseOpenedV2 } from './events/case-opened.v2';
import { CaseClosedV1 } from './events/case-closed.v1';
import { CaseReopenedV1 } from './events/case-reopened.v1';
import { ConsentRevokedV1 } from './events/consent-revoked.v1';
import { ConsentExpiredV1 } from './events/consent-expired.v1';
import { CaseErasedV1 } from './events/case-erased.v1';
import { CasePurgedV1 } from './events/case-purged.v1';
import {
  ReferralAcceptedV1,
  ReferralCompletedV1,
  ReferralDeclinedV1,
  ReferralExpiredV1,
  ReferralRequestedV1,
  ReferralWithdrawnV1,
} from './events/referral-events.v1';

/** Every event contract, and so every topic, in one place. */
export const EVENT_CONTRACTS: readonly EventContract[] = [
  CaseOpenedV2,
  CaseClosedV1,
  CaseReopenedV1,
  ConsentRevokedV1,
  ConsentExpiredV1,
  CaseErasedV1,
  CasePurgedV1,
  ReferralRequestedV1,
  ReferralAcceptedV1,
  ReferralDeclinedV1,
  ReferralWithdrawnV1,
  ReferralExpiredV1,
  ReferralCompletedV1,
];

const byTopic = new Map(EVENT_CONTRACTS.map((contract) => [contract.topic, contract]));

export function contractForTopic(topic: string): EventContract | undefined {
  return byTopic.get(topic);
}
