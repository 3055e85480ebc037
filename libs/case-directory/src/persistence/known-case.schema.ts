import { Schema } from 'mongoose';
import { type Routing } from '@app/contracts';
import { type ProjectionDocument } from '@app/persistence';

/** A service's own copy of what intake said about a case (event-carried state). */
export interface KnownCase extends ProjectionDocument {
  ownerOrgId: string;
  routing: Routing;
  updatedAt: Date;
  /** Events received for this case; each counted once however often Kafka delivers it. */
  eventsReceived: number;
}

export const knownCaseSchema = new Schema<KnownCase>(
  {
    _id: { type: String, required: true },
    ownerOrgId: { type: String, required: true, index: true },
    routing: { type: Object, required: true },
    lastSequence: { type: Number, required: true },
    received: { type: Object, default: {} },
    updatedAt: { type: Date, required: true },
    eventsReceived: { type: Number, default: 0 },
  },
  { collection: 'known_cases', versionKey: false },
);
