import { type Model, type UpdateQuery } from 'mongoose';

/**
 * - applied: first receipt, and its state is the newest seen: state written.
 * - stale: first receipt, but a later event of the aggregate (from another
 *   topic) was applied already; its state is older, so only the receipt is kept.
 * - duplicate: this event was received before; nothing written.
 */
export type ApplyResult = 'applied' | 'stale' | 'duplicate';

export interface EventPosition {
  aggregateId: string;
  /** Per-aggregate sequence from the envelope. */
  sequence: number;
  /** The topic the event came from: order (and so deduplication) holds per topic. */
  topic: string;
}

export interface ProjectionEffect<T> {
  /** The aggregate state the event carries; written only when it is the newest. */
  state?: Record<string, unknown>;
  /** Written on first receipt whether or not the state is newest (counters, logs). */
  onReceipt?: UpdateQuery<T>;
}

export interface ProjectionDocument {
  _id: string;
  lastSequence: number;
  received: Record<string, number>;
}

const DUPLICATE_KEY = 11000;

/**
 * Applies an event to a projection document exactly once, in single-document
 * conditional updates (no transactions).
 *
 * Kafka orders an aggregate's events only within one topic, and topics are per
 * event type, so events of one aggregate can arrive out of order across
 * topics. Each document therefore keeps the last sequence received per topic
 * (for deduplication) and the sequence of the state it holds (so older state
 * never overwrites newer). Both conditions only ever move forward, so the two
 * steps below stay correct under redelivery and concurrent consumers.
 */
export async function applyOnce<T extends ProjectionDocument>(model: Model<T>, position: EventPosition, effect: ProjectionEffect<T>): Promise<ApplyResult> {
  const receivedField = `received.${position.topic.replace(/\./g, '_')}`;
  const notReceived = { [receivedField]: { $not: { $gte: position.sequence } } };
  const { $set: receiptSet, ...receiptOps } = (effect.onReceipt ?? {}) as { $set?: Record<string, unknown> } & Record<string, unknown>;

  try {
    const newest = await model
      .updateOne(
        { _id: position.aggregateId, ...notReceived, lastSequence: { $not: { $gte: position.sequence } } },
        { ...receiptOps, $set: { ...receiptSet, ...effect.state, lastSequence: position.sequence, [receivedField]: position.sequence } } as never,
        { upsert: true },
      )
      .exec();
    if (newest.modifiedCount + newest.upsertedCount > 0) return 'applied';
  } catch (error) {
    // The document exists and the filter did not match it: not the newest.
    if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
  }
  const older = await model
    .updateOne({ _id: position.aggregateId, ...notReceived }, { ...receiptOps, $set: { ...receiptSet, [receivedField]: position.sequence } } as never)
    .exec();
  return older.modifiedCount > 0 ? 'stale' : 'duplicate';
}
