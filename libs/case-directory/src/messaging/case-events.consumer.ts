import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@app/messaging';
import { CaseOpenedV2, type EnvelopeOf } from '@app/contracts';
import { KnownCaseRepository } from '../persistence/known-case.repository';

/** Keeps this service's copy of who owns each case; intake's events carry nothing more. */
@Controller()
export class CaseEventsConsumer {
  private readonly logger = new Logger(CaseEventsConsumer.name);

  constructor(private readonly cases: KnownCaseRepository) {}

  @OnEvent(CaseOpenedV2)
  async caseOpened(@Payload() event: EnvelopeOf<typeof CaseOpenedV2>): Promise<void> {
    const result = await this.cases.record(
      { aggregateId: event.aggregateId, sequence: event.sequence, topic: CaseOpenedV2.topic },
      event.data.ownerOrgId,
    );
    this.logger.log({
      msg: 'case event projected',
      eventId: event.eventId,
      caseId: event.aggregateId,
      sequence: event.sequence,
      result,
    });
  }
}
