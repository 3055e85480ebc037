import { type z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';

/**
 * One event type at one major version: its topic, its payload schema and what
 * it means. A published contract never changes in place; a breaking change is
 * a new contract with version + 1 (and so a new topic), run side by side.
 */
export interface EventContract<Data extends z.ZodType = z.ZodType> {
  /** `<domain>.<entity>.<event>`, e.g. `intake.case.opened`. */
  readonly type: string;
  readonly version: number;
  /** `<type>.v<version>`; the Kafka key is always the aggregate id. */
  readonly topic: string;
  readonly aggregate: string;
  readonly description: string;
  readonly data: Data;
  readonly envelope: ReturnType<typeof envelopeSchema<Data>>;
}

export type EventData<Contract extends EventContract> = z.infer<Contract['data']>;
export type EnvelopeOf<Contract extends EventContract> = EventEnvelope<EventData<Contract>>;

export function defineEvent<Data extends z.ZodType>(spec: {
  type: string;
  version: number;
  aggregate: string;
  description: string;
  data: Data;
}): EventContract<Data> {
  if (!/^[a-z]+\.[a-z-]+\.[a-z-]+$/.test(spec.type))
    throw new Error(`event type must be <domain>.<entity>.<event>: ${spec.type}`);
  return {
    ...spec,
    topic: `${spec.type}.v${spec.version}`,
    envelope: envelopeSchema(spec.type, spec.version, spec.data, spec.aggregate),
  };
}

/** Where messages that cannot be processed go, with the reason in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
