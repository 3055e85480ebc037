import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { KeyDirectoryModule } from '../key-directory/key-directory.module';
import { ProviderDirectoryModule } from '../provider-directory/provider-directory.module';
import { ReferralRepository } from './persistence/referral.repository';
import { CaseDisclosureRepository } from './persistence/case-disclosure.repository';
import { ReferralTransitions } from './application/referral-transitions.service';
import { ReferralCoverage } from './application/referral-coverage.service';
import { CreateReferral } from './application/create-referral.use-case';
import { AnswerReferral } from './application/answer-referral.use-case';
import { ReferralQueries } from './application/referral-queries';
import { ReferralSweeper } from './application/referral-sweeper';
import { ReferralsController } from './http/referrals.controller';
import { ReferralConsentConsumer } from './messaging/referral-consent.consumer';

/**
 * Staged, consent-checked referrals of a case to a partner from the
 * directory: the teaser first, the consented sections' keys only on
 * acceptance, within the partner's capacity (docs/referrals.md).
 */
@Module({
  imports: [CasesModule, KeyDirectoryModule, ProviderDirectoryModule],
  controllers: [ReferralsController, ReferralConsentConsumer],
  providers: [
    ReferralRepository,
    CaseDisclosureRepository,
    ReferralTransitions,
    ReferralCoverage,
    CreateReferral,
    AnswerReferral,
    ReferralQueries,
    ReferralSweeper,
  ],
  exports: [ReferralRepository],
})
export class ReferralsModule {}
