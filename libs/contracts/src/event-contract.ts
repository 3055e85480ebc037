import { type z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';

/**
 * One event type at one major version: its topic, its payload schema and what
 * it means. A published contract never changes in place; a breaking change is
 * a new contract with version + 1 (and so a new topic), run side by side.
 */
/** The services that publish events; each authenticates to the broker as its own principal. */
export const SERVICE_NAMES = ['intake', 'legal-status', 'shelter-capacity', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface EventContract<Data extends z.ZodType = z.ZodType> {
  /** `<domain>.<entity>.<event>`, e.g. `intake.case.opened`. */
  readonly type: string;
  readonly version: number;
  /** `<type>.v<version>`; the Kafka key is always the aggregate id. */
  readonly topic: string;
  readonly aggregate: string;
  readonly description: string;
  /**
   * The services allowed to publish the event. The broker's ACLs let only
   * them write the topic, and consumers dead-letter an envelope whose
   * `producer` is not one of them: a forged erasure or purge confirmation is
   * refused twice over.
   */
  readonly producers: readonly ServiceName[];
  /**
   * How long the broker keeps the topic's messages. Long enough to outlast a
   * consumer's outage (a consumer back within it loses nothing); no longer,
   * because erasure cannot reach a topic (docs/privacy.md).
   */
  readonly retentionDays: number;
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
  producers: readonly ServiceName[];
  retentionDays: number;
  data: Data;
}): EventContract<Data> {
  if (!/^[a-z]+\.[a-z-]+\.[a-z-]+$/.test(spec.type))
    throw new Error(`event type must be <domain>.<entity>.<event>: ${spec.type}`);
  if (!Number.isInteger(spec.retentionDays) || spec.retentionDays < 1 || spec.retentionDays > 90)
    throw new Error(`retentionDays must be a whole number of days from 1 to 90: ${spec.type}`);
  if (spec.producers.length === 0) throw new Error(`an event needs at least one producer: ${spec.type}`);
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

/**
 * A dead-lettered message waits for an operator to fix its cause and replay
 * it (docs/operations.md); a month covers a holiday without leaving the
 * message out of reach of erasure for longer than that.
 */
export const DEAD_LETTER_RETENTION_DAYS = 30;

/** A topic as the broker must hold it: its name and how long it keeps messages. */
export interface TopicSpec {
  readonly topic: string;
  readonly retentionMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The contract's topic and its dead-letter topic, each with its retention. */
export function topicSpecsOf(contract: EventContract): TopicSpec[] {
  return [
    { topic: contract.topic, retentionMs: contract.retentionDays * DAY_MS },
    { topic: deadLetterTopic(contract.topic), retentionMs: DEAD_LETTER_RETENTION_DAYS * DAY_MS },
  ];
}
