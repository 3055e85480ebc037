import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@app/messaging';
import { CaseOpenedV1, CaseRoutingUpdatedV1, type EnvelopeOf } from '@app/contracts';
import { KnownCaseRepository } from '../persistence/known-case.repository';

/** Keeps this service's copy of case ownership and routing up to date. */
@Controller()
export class CaseEventsConsumer {
  private readonly logger = new Logger(CaseEventsConsumer.name);

  constructor(private readonly cases: KnownCaseRepository) {}

  @OnEvent(CaseOpenedV1)
  caseOpened(@Payload() event: EnvelopeOf<typeof CaseOpenedV1>): Promise<void> {
    return this.project(CaseOpenedV1.topic, event);
  }

  @OnEvent(CaseRoutingUpdatedV1)
  routingUpdated(@Payload() event: EnvelopeOf<typeof CaseRoutingUpdatedV1>): Promise<void> {
    return this.project(CaseRoutingUpdatedV1.topic, event);
  }

  /** Both events carry the case's full routing state, so both project the same way. */
  private async project(
    topic: string,
    event: EnvelopeOf<typeof CaseOpenedV1 | typeof CaseRoutingUpdatedV1>,
  ): Promise<void> {
    const result = await this.cases.record(
      { aggregateId: event.aggregateId, sequence: event.sequence, topic },
      event.data.ownerOrgId,
      event.data.routing,
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
