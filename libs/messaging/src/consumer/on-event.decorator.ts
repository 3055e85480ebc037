import { EventPattern } from '@nestjs/microservices';
import { type EnvelopeOf, type EventContract } from '@app/contracts';

type EventHandlerMethod<Contract extends EventContract> = (event: EnvelopeOf<Contract>, ...rest: never[]) => Promise<void>;

/**
 * Subscribes a handler to a contract's topic and makes the compiler check
 * that the handler takes that contract's envelope. The messaging layer has
 * validated the envelope against the contract before the handler runs.
 */
export function OnEvent<Contract extends EventContract>(contract: Contract) {
  const subscribe = EventPattern<string>(contract.topic);
  return <Method extends EventHandlerMethod<Contract>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>): void => {
    subscribe(target, key, descriptor);
  };
}
