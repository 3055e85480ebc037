import { UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type EnvelopeOf, type EventContract } from '@app/contracts';
import { PassHandlerErrors } from './pass-handler-errors.filter';

type EventHandlerMethod<Contract extends EventContract> = (
  event: EnvelopeOf<Contract>,
  ...rest: never[]
) => Promise<void>;
type EventBatchHandlerMethod<Contract extends EventContract> = (
  events: EnvelopeOf<Contract>[],
  ...rest: never[]
) => Promise<void>;

/** Marks a handler registered with @OnEventBatch (kept in the handler's extras). */
export const BATCH_HANDLER = 'refugioEventBatch';

/**
 * The contract a handler declared, kept in its extras: the consumer decodes
 * with it and creates its topics with the contract's retention, so a test
 * can subscribe to a contract of its own without adding it to the
 * production list (EVENT_CONTRACTS).
 */
export const EVENT_CONTRACT = 'refugioEventContract';

// Errors reach ReliableKafkaServer's retries and dead letter as thrown (see the filter).
const passErrors = UseFilters(new PassHandlerErrors());

/**
 * Subscribes a handler to a contract's topic and makes the compiler check
 * that the handler takes that contract's envelope. The messaging layer has
 * validated the envelope against the contract before the handler runs.
 */
export function OnEvent<Contract extends EventContract>(contract: Contract) {
  const subscribe = EventPattern<string>(contract.topic, { [EVENT_CONTRACT]: contract });
  return <Method extends EventHandlerMethod<Contract>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    subscribe(target, key, descriptor);
    passErrors(target, key, descriptor);
  };
}

/**
 * Like @OnEvent, but the handler receives consecutive events of one partition
 * at once, in partition order, so it can write them in a few round trips
 * (applyOnceMany). Offsets are committed only after the handler resolves.
 * The handler must be idempotent per event: after a failure the same events,
 * some possibly applied already, are delivered again, first together, then
 * one by one, and only an event that fails alone is dead-lettered.
 */
export function OnEventBatch<Contract extends EventContract>(contract: Contract) {
  const subscribe = EventPattern<string>(contract.topic, { [EVENT_CONTRACT]: contract, [BATCH_HANDLER]: true });
  return <Method extends EventBatchHandlerMethod<Contract>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    subscribe(target, key, descriptor);
    passErrors(target, key, descriptor);
  };
}
