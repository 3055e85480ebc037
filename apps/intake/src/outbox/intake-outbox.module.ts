import { Module } from '@nestjs/common';
import { OUTBOX_STORES, OutboxRelayHost } from '@app/platform';
import { CasesModule } from '../cases/cases.module';
import { CaseRepository } from '../cases/persistence/case.repository';
import { ReferralsModule } from '../referrals/referrals.module';
import { ReferralRepository } from '../referrals/persistence/referral.repository';

/**
 * intake's outbox relay, over every collection whose documents carry events:
 * cases (and the consent, section and erasure events written into them) and
 * referrals. One relay, so one place publishes everything intake writes.
 */
@Module({
  imports: [CasesModule, ReferralsModule],
  providers: [
    {
      provide: OUTBOX_STORES,
      inject: [CaseRepository, ReferralRepository],
      useFactory: (cases: CaseRepository, referrals: ReferralRepository) => [
        cases.outboxStore(),
        referrals.outboxStore(),
      ],
    },
    OutboxRelayHost,
  ],
})
export class IntakeOutboxModule {}
