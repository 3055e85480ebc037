import { Injectable } from '@nestjs/common';
import { type EventOrigin } from '@app/messaging';
import { ownerScope } from '../../cases/domain/case-scope';
import { type Referral } from '../domain/referral';
import { isOpen } from '../domain/referral';
import { lostCoverageReason, missingGrants } from '../domain/referral-coverage';
import { CaseDisclosureRepository } from '../persistence/case-disclosure.repository';
import { ReferralTransitions } from './referral-transitions.service';

/**
 * Withdraws open referrals the client's consent no longer covers: a grant
 * withdrawn, expired or dropped by a new consent version, or the case
 * erased. Run for a case when intake publishes a consent or erasure event,
 * and over every open referral by the sweeper, which also catches changes
 * that publish nothing (a new consent version that keeps the sections but
 * drops the purpose).
 */
@Injectable()
export class ReferralCoverage {
  constructor(
    private readonly cases: CaseDisclosureRepository,
    private readonly transitions: ReferralTransitions,
  ) {}

  /** True when it withdrew the referral (or another write ended it first). */
  async recheck(referral: Referral, origin: EventOrigin, now = new Date()): Promise<boolean> {
    if (!isOpen(referral)) return false;
    const current = await this.cases.load(ownerScope(referral.senderOrgId), referral.caseId);
    const { partnerOrgId, purpose, sections } = referral;
    const reason = !current
      ? 'case_erased'
      : missingGrants(current.grants, partnerOrgId, purpose, sections, now).length > 0
        ? lostCoverageReason(current.grants, partnerOrgId, purpose, sections, now)
        : undefined;
    if (!reason) return false;
    const outcome = await this.transitions.apply(referral, { kind: 'withdraw', reason, at: now }, origin);
    return outcome !== undefined;
  }
}
