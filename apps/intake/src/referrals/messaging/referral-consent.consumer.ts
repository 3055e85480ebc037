import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@app/messaging';
import { CaseErasedV1, ConsentExpiredV1, ConsentRevokedV1, type EnvelopeOf } from '@app/contracts';
import { INTAKE } from '../../cases/application/event-origin';
import { ReferralRepository } from '../persistence/referral.repository';
import { ReferralCoverage } from '../application/referral-coverage.service';

type CaseEvent =
  EnvelopeOf<typeof ConsentRevokedV1> | EnvelopeOf<typeof ConsentExpiredV1> | EnvelopeOf<typeof CaseErasedV1>;

/**
 * A withdrawn or expired grant, or an erased case, ends the open referrals
 * of the case that consent no longer covers. Redelivery is harmless: an
 * ended referral is not open any more, and each withdrawal is a guarded write.
 */
@Controller()
export class ReferralConsentConsumer {
  private readonly logger = new Logger(ReferralConsentConsumer.name);

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly coverage: ReferralCoverage,
  ) {}

  @OnEvent(ConsentRevokedV1)
  consentRevoked(@Payload() event: EnvelopeOf<typeof ConsentRevokedV1>): Promise<void> {
    return this.recheckCase(event);
  }

  @OnEvent(ConsentExpiredV1)
  consentExpired(@Payload() event: EnvelopeOf<typeof ConsentExpiredV1>): Promise<void> {
    return this.recheckCase(event);
  }

  @OnEvent(CaseErasedV1)
  caseErased(@Payload() event: EnvelopeOf<typeof CaseErasedV1>): Promise<void> {
    return this.recheckCase(event);
  }

  private async recheckCase(event: CaseEvent): Promise<void> {
    const origin = { producer: INTAKE, correlationId: event.correlationId, causationId: event.eventId };
    let withdrawn = 0;
    for (const referral of await this.referrals.openForCaseId(event.data.caseId)) {
      if (await this.coverage.recheck(referral, origin)) withdrawn += 1;
    }
    if (withdrawn > 0)
      this.logger.log({ msg: 'referrals withdrawn', eventId: event.eventId, caseId: event.data.caseId, withdrawn });
  }
}
