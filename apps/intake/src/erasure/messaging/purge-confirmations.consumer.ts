import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@app/messaging';
import { CasePurgedV1, type EnvelopeOf } from '@app/contracts';
import { confirmingService } from '../domain/erasure';
import { ErasureRepository } from '../persistence/erasure.repository';

/** Records which services have purged their copies of an erased case. */
@Controller()
export class PurgeConfirmationsConsumer {
  private readonly logger = new Logger(PurgeConfirmationsConsumer.name);

  constructor(private readonly erasures: ErasureRepository) {}

  @OnEvent(CasePurgedV1)
  async casePurged(@Payload() event: EnvelopeOf<typeof CasePurgedV1>): Promise<void> {
    const service = confirmingService(event);
    if (service === undefined) {
      // Committed, not retried: the event will never be acceptable. The names are service names, not personal data.
      this.logger.warn({
        msg: 'purge confirmation refused: not from the purging service it names',
        eventId: event.eventId,
        caseId: event.data.caseId,
        producer: event.producer,
        purgedBy: event.data.service,
      });
      return;
    }
    const recorded = await this.erasures.recordConfirmation(event.data.caseId, service, new Date(event.data.purgedAt));
    // A repeat is normal: services confirm again whenever Kafka redelivers the erasure to them.
    this.logger.log({
      msg: 'purge confirmation',
      eventId: event.eventId,
      caseId: event.data.caseId,
      // Not `service`: every line already names the service that writes it.
      purgedBy: event.data.service,
      result: recorded ? 'recorded' : 'ignored',
    });
  }
}
