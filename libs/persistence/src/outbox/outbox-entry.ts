import { Schema } from 'mongoose';

/**
 * An event waiting inside its aggregate's document. It is written in the same
 * single-document update as the state change, so the two cannot diverge;
 * the relay publishes it and then removes it.
 */
export interface OutboxEntry {
  eventId: string;
  topic: string;
  /** Kafka key: the aggregate id, so one aggregate's events stay ordered. */
  key: string;
  /** The serialized envelope, exactly the bytes that will be published. */
  value: string;
  traceparent?: string;
  createdAt: Date;
}

export const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    value: { type: String, required: true },
    traceparent: { type: String },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

/** Adds the outbox array and the index the relay uses to find pending events. */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  (schema as Schema).add({ outbox: { type: [outboxEntrySchema], default: [] } });
  schema.index({ 'outbox.eventId': 1 }, { sparse: true });
  return schema;
}
