import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@app/messaging';
import { CaseErasedV1, type EnvelopeOf } from '@app/contracts';
import { KnownCaseRepository } from '../persistence/known-case.repository';
import { PurgeConfirmations } from './purge-confirmations';

/** Purges what this service knows about an erased case, then confirms it to intake. */
@Controller()
export class CaseErasedConsumer {
  private readonly logger = new Logger(CaseErasedConsumer.name);

  constructor(
    private readonly cases: KnownCaseRepository,
    private readonly confirmations: PurgeConfirmations,
  ) {}

  @OnEvent(CaseErasedV1)
  async caseErased(@Payload() event: EnvelopeOf<typeof CaseErasedV1>): Promise<void> {
    const result = await this.cases.purge(event.aggregateId, new Date(event.data.erasedAt));
    // Confirmed on every delivery, not only when something was purged: a
    // redelivery may mean the previous attempt purged and then died unsent.
    await this.confirmations.confirm(event, new Date());
    this.logger.log({ msg: 'erased case purged', eventId: event.eventId, caseId: event.aggregateId, result });
  }
}
