import { type EventContract } from './event-contract';
import { CaseOpenedV1 } from './events/case-opened.v1';
import { CaseRoutingUpdatedV1 } from './events/case-routing-updated.v1';

/** Every event contract, and so every topic, in one place. */
export const EVENT_CONTRACTS: readonly EventContract[] = [CaseOpenedV1, CaseRoutingUpdatedV1];

const byTopic = new Map(EVENT_CONTRACTS.map((contract) => [contract.topic, contract]));

export function contractForTopic(topic: string): EventContract | undefined {
  return byTopic.get(topic);
}
