import { Inject, Injectable } from '@nestjs/common';
import { OUTBOX_NOTIFIER, type OutboxNotifier, type EventOrigin } from '@app/messaging';
import { ownerScope } from '../../cases/domain/case-scope';
import { ProviderDirectoryRepository } from '../../provider-directory/persistence/provider-directory.repository';
import { type Referral } from '../domain/referral';
import { type ReferralChange, applyReferralChange } from '../domain/referral-transitions';
import { ReferralRepository } from '../persistence/referral.repository';
import { CaseDisclosureRepository } from '../persistence/case-disclosure.repository';
import { transitionEvent } from './referral-events';

/** How many times a guarded write re-reads the case after losing a race. */
const CASE_WRITE_ATTEMPTS = 5;

/**
 * Ends and completes referrals: one guarded write of the state and its
 * event, then what follows on the partner's side. Ending an accepted referral
 * gives its unit of capacity back; withdrawing one also takes the case back
 * from the partner. Used by the HTTP answers, the sweeper and the consent
 * cascade alike, so every path applies a change the same way.
 */
@Injectable()
export class ReferralTransitions {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly directory: ProviderDirectoryRepository,
    private readonly cases: CaseDisclosureRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  /**
   * The referral after the change, `undefined` when its state does not allow
   * it, or `'lost'` when another write landed first (the caller re-reads).
   */
  async apply(current: Referral, change: ReferralChange, origin: EventOrigin): Promise<Referral | undefined | 'lost'> {
    const next = applyReferralChange(current, change);
    if (!next) return undefined;
    if (!(await this.referrals.transition(current, next, transitionEvent(current, next, origin)))) return 'lost';
    this.outbox.notify();
    if (current.status === 'accepted') await this.afterAcceptedEnded(current, next);
    return next;
  }

  /** Idempotent: the unit is released once, and the case taken back only from a withdrawn referral. */
  async afterAcceptedEnded(before: Referral, ended: Referral): Promise<void> {
    await this.directory.releaseSlot(before.partnerOrgId, before.referralId);
    if (ended.status === 'withdrawn') await this.takeBack(ended);
  }

  /**
   * Adds an accepted referral's held envelopes to the case's sections. An
   * envelope for a key version the section has moved past is dropped: the
   * owner's SDK shares the new key with the partner, a disclosed grantee now,
   * on its next write. False when the case kept changing (the sweeper
   * finishes it) or is gone.
   */
  async release(referral: Referral): Promise<boolean> {
    const scope = ownerScope(referral.senderOrgId);
    for (let attempt = 0; attempt < CASE_WRITE_ATTEMPTS; attempt++) {
      const current = await this.cases.load(scope, referral.caseId);
      if (!current) return false;
      const releasable = referral.heldEnvelopes.filter((envelope) => {
        const stored = current.sections[envelope.section];
        return stored !== undefined && !stored.rotationRequired && stored.keyVersion === envelope.keyVersion;
      });
      if (!(await this.cases.release(scope, current, referral.partnerOrgId, releasable))) continue;
      await this.referrals.markReleased(referral.referralId, new Date());
      return true;
    }
    return false;
  }

  /**
   * Deletes the partner's envelopes of the case and retires those keys. A
   * withdrawal that could not finish here (the case kept changing) is
   * finished by the sweeper, which looks for withdrawn accepted referrals not
   * yet marked taken back.
   */
  async takeBack(referral: Referral): Promise<boolean> {
    const scope = ownerScope(referral.senderOrgId);
    for (let attempt = 0; attempt < CASE_WRITE_ATTEMPTS; attempt++) {
      const current = await this.cases.load(scope, referral.caseId);
      if (current && !(await this.cases.revoke(scope, current, referral.partnerOrgId))) continue;
      // An erased case has nothing left to take back.
      await this.referrals.markRevoked(referral.referralId, new Date());
      return true;
    }
    return false;
  }
}
