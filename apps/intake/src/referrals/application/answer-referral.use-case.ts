import { Injectable } from '@nestjs/common';
import { type ReferralDeclineReason, type ReferralOutcome } from '@app/contracts';
import { type EventOrigin } from '@app/messaging';
import { originOf } from '../../cases/application/event-origin';
import { ProviderDirectoryRepository } from '../../provider-directory/persistence/provider-directory.repository';
import { type Referral } from '../domain/referral';
import { partnerScope, senderScope, type ReferralScope } from '../domain/referral-scope';
import { type ReferralChange } from '../domain/referral-transitions';
import { ReferralRepository } from '../persistence/referral.repository';
import { ReferralCoverage } from './referral-coverage.service';
import { ReferralTransitions } from './referral-transitions.service';
import { concurrentReferralChange, noCapacity, referralNotFound, referralNotOpen } from './referral-errors';

const WRITE_ATTEMPTS = 5;

/**
 * What each side does with a referral: the partner accepts, declines or
 * completes it, the sender withdraws it. Each reads, decides and writes
 * guarded by the version read; a lost race reads again.
 */
@Injectable()
export class AnswerReferral {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly transitions: ReferralTransitions,
    private readonly directory: ProviderDirectoryRepository,
    private readonly coverage: ReferralCoverage,
  ) {}

  /**
   * Accepts within the partner's capacity: a unit is taken first (one
   * conditional update, exact across replicas), then the state; a state
   * write that fails gives the unit back. On success the held envelopes are
   * released into the case. The consent is checked again first: a referral it
   * no longer covers is withdrawn instead.
   */
  async accept(partnerOrgId: string, referralId: string, correlationId: string): Promise<Referral> {
    const origin = originOf(correlationId);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const current = await this.require(partnerScope(partnerOrgId), referralId);
      const now = new Date();
      if (current.status !== 'requested') throw referralNotOpen(current.status);
      if (now >= current.respondBy) {
        await this.transitions.apply(current, { kind: 'expire', at: now }, origin);
        throw referralNotOpen('expired');
      }
      if (await this.coverage.recheck(current, origin, now)) throw referralNotOpen('withdrawn');
      if ((await this.directory.takeSlot(partnerOrgId, referralId, now)) === 'none_open') throw noCapacity();
      const accepted = await this.transitions.apply(current, { kind: 'accept', at: now }, origin);
      if (accepted === 'lost' || accepted === undefined) {
        // Another write changed the referral first, and a referral never returns to requested: if that write
        // was an acceptance (another replica's), the unit is its; otherwise nothing holds it any more.
        const after = await this.referrals.find(partnerScope(partnerOrgId), referralId);
        if (after?.status !== 'accepted') await this.directory.releaseSlot(partnerOrgId, referralId);
        continue;
      }
      // Unfinished here (the case kept changing), the sweeper finishes the release.
      await this.transitions.release(accepted);
      return (await this.referrals.find(partnerScope(partnerOrgId), referralId)) ?? accepted;
    }
    throw concurrentReferralChange();
  }

  decline(partnerOrgId: string, referralId: string, reason: ReferralDeclineReason, correlationId: string) {
    return this.change(
      partnerScope(partnerOrgId),
      referralId,
      (at) => ({ kind: 'decline', reason, at }),
      correlationId,
    );
  }

  complete(partnerOrgId: string, referralId: string, outcome: ReferralOutcome, correlationId: string) {
    return this.change(
      partnerScope(partnerOrgId),
      referralId,
      (at) => ({ kind: 'complete', outcome, at }),
      correlationId,
    );
  }

  withdraw(senderOrgId: string, referralId: string, correlationId: string): Promise<Referral> {
    return this.change(
      senderScope(senderOrgId),
      referralId,
      (at) => ({ kind: 'withdraw', reason: 'sender_withdrew', at }),
      correlationId,
    );
  }

  private async change(
    scope: ReferralScope,
    referralId: string,
    changeAt: (at: Date) => ReferralChange,
    correlationId: string,
  ): Promise<Referral> {
    const origin: EventOrigin = originOf(correlationId);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const current = await this.require(scope, referralId);
      const outcome = await this.transitions.apply(current, changeAt(new Date()), origin);
      if (outcome === undefined) throw referralNotOpen(current.status);
      if (outcome !== 'lost') return outcome;
    }
    throw concurrentReferralChange();
  }

  private async require(scope: ReferralScope, referralId: string): Promise<Referral> {
    const found = await this.referrals.find(scope, referralId);
    if (!found) throw referralNotFound();
    return found;
  }
}
