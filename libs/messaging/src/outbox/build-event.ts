import { type EventContract, type EventData, uuidv7 } from '@app/contracts';
import { type OutboxEntry } from '@app/persistence';
import { currentTraceparent } from '@app/observability';

export interface EventOrigin {
  producer: string;
  correlationId: string;
  causationId?: string | null;
}

/**
 * Makes the outbox entry for one event, validating it against its contract
 * first: an event that does not match its schema never gets stored, so it can
 * never be published. The active trace is kept so the relay can continue it.
 */
export function buildEvent<Contract extends EventContract>(
  contract: Contract,
  aggregateId: string,
  sequence: number,
  data: EventData<Contract>,
  origin: EventOrigin,
): OutboxEntry {
  const occurredAt = new Date();
  const envelope = contract.envelope.parse({
    eventId: uuidv7(occurredAt.getTime()),
    type: contract.type,
    version: contract.version,
    aggregateId,
    sequence,
    occurredAt: occurredAt.toISOString(),
    producer: origin.producer,
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    data,
  });
  const traceparent = currentTraceparent();
  return {
    eventId: envelope.eventId,
    topic: contract.topic,
    key: aggregateId,
    value: JSON.stringify(envelope),
    ...(traceparent ? { traceparent } : {}),
    createdAt: occurredAt,
  };
}
