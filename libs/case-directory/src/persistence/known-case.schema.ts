import { Schema } from 'mongoose';
import { type ProjectionDocument } from '@app/persistence';

/** A service's own copy of what intake said about a case (event-carried state). */
export interface KnownCase extends ProjectionDocument {
  ownerOrgId: string;
  updatedAt: Date;
  /** Events received for this case; each counted once however often Kafka delivers it. */
  eventsReceived: number;
}

/**
 * What is left of an erased case: its id, when intake erased it, and the
 * ordering guard that keeps late or replayed case events from applying to it.
 */
export interface ErasedCase {
  _id: string;
  erasedAt: Date;
  lastSequence: number;
}

// Owner and counters are not `required`: an erased case keeps none of them.
export const knownCaseSchema = new Schema<KnownCase & Partial<ErasedCase>>(
  {
    _id: { type: String, required: true },
    ownerOrgId: { type: String, index: true },
    lastSequence: { type: Number, required: true },
    received: { type: Object, default: {} },
    updatedAt: { type: Date },
    eventsReceived: { type: Number, default: 0 },
    erasedAt: { type: Date },
  },
  { collection: 'known_cases', versionKey: false },
);
