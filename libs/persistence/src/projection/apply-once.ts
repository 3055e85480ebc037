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

interface Write {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
}

/**
 * The two conditional updates behind one event:
 * - newest: writes the state and the receipt if this event is unseen on its
 *   topic and newer than the state held; upserts the first document. When the
 *   document exists but does not match, the upsert fails with a duplicate key.
 * - older: writes only the receipt if this event is unseen on its topic.
 */
function writesFor<T>(position: EventPosition, effect: ProjectionEffect<T>): { newest: Write; older: Write } {
  const receivedField = `received.${position.topic.replace(/\./g, '_')}`;
  const notReceived = { [receivedField]: { $not: { $gte: position.sequence } } };
  const { $set: receiptSet, ...receiptOps } = (effect.onReceipt ?? {}) as { $set?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  return {
    newest: {
      filter: { _id: position.aggregateId, ...notReceived, lastSequence: { $not: { $gte: position.sequence } } },
      update: {
        ...receiptOps,
        $set: { ...receiptSet, ...effect.state, lastSequence: position.sequence, [receivedField]: position.sequence },
      },
    },
    older: {
      filter: { _id: position.aggregateId, ...notReceived },
      update: { ...receiptOps, $set: { ...receiptSet, [receivedField]: position.sequence } },
    },
  };
}

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
export async function applyOnce<T extends ProjectionDocument>(
  model: Model<T>,
  position: EventPosition,
  effect: ProjectionEffect<T>,
): Promise<ApplyResult> {
  const { newest, older } = writesFor(position, effect);
  try {
    const result = await model.updateOne(newest.filter, newest.update as never, { upsert: true }).exec();
    if (result.modifiedCount + result.upsertedCount > 0) return 'applied';
  } catch (error) {
    // The document exists and the filter did not match it: not the newest.
    if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
  }
  const result = await model.updateOne(older.filter, older.update as never).exec();
  return result.modifiedCount > 0 ? 'stale' : 'duplicate';
}

export interface ProjectionWrite<T> {
  position: EventPosition;
  effect: ProjectionEffect<T>;
}

/** How many of a batch's events were applied, kept only as a receipt (stale), or seen before. */
export interface ApplyCounts {
  applied: number;
  stale: number;
  duplicate: number;
}

interface BulkOutcome {
  modified: number;
  /** Positions (in the operations given) that failed with a duplicate key. */
  duplicateKeys: Set<number>;
}

/**
 * applyOnce for many events in a few round trips, with the same two
 * conditional updates per event and the same outcome as calling applyOnce
 * for each event in the order given.
 *
 * Events of one aggregate must be applied in order (the per-topic receipt is
 * a high-water mark), so the writes go in rounds: round n holds the n-th
 * event of each aggregate in the batch. A round touches each document once,
 * so its updates may run unordered in one bulk write; the events that were not
 * the newest then get their receipt in a second bulk write. Every update stays
 * conditional on the document, so a partial failure is safe to retry.
 */
export async function applyOnceMany<T extends ProjectionDocument>(
  model: Model<T>,
  writes: ProjectionWrite<T>[],
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { applied: 0, stale: 0, duplicate: 0 };
  const rounds: { newest: Write; older: Write }[][] = [];
  const seen = new Map<string, number>();
  for (const { position, effect } of writes) {
    const round = seen.get(position.aggregateId) ?? 0;
    seen.set(position.aggregateId, round + 1);
    (rounds[round] ??= []).push(writesFor(position, effect));
  }
  for (const round of rounds) {
    const newest = await bulkUpdate(
      model,
      round.map(({ newest }) => newest),
      true,
    );
    const older = round.filter((_, index) => newest.duplicateKeys.has(index)).map((writes) => writes.older);
    counts.applied += round.length - older.length;
    if (older.length === 0) continue;
    const receipts = await bulkUpdate(model, older, false);
    counts.stale += receipts.modified;
    counts.duplicate += older.length - receipts.modified;
  }
  return counts;
}

async function bulkUpdate<T>(model: Model<T>, writes: Write[], upsert: boolean): Promise<BulkOutcome> {
  const operations = writes.map(({ filter, update }) => ({ updateOne: { filter, update, upsert } }));
  try {
    const result = await model.bulkWrite(operations, { ordered: false, throwOnValidationError: true });
    return { modified: result.modifiedCount, duplicateKeys: new Set() };
  } catch (error) {
    const bulk = error as { writeErrors?: unknown; result?: { modifiedCount?: unknown } };
    const writeErrors = Array.isArray(bulk.writeErrors)
      ? (bulk.writeErrors as { index: number; code: unknown }[])
      : undefined;
    // Anything but "exists, and not the newest" fails the batch; the caller retries it.
    if (
      !upsert ||
      !writeErrors ||
      writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY) ||
      typeof bulk.result?.modifiedCount !== 'number'
    )
      throw error;
    return {
      modified: bulk.result.modifiedCount,
      duplicateKeys: new Set(writeErrors.map((writeError) => writeError.index)),
    };
  }
}
