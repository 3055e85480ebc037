import { Schema } from 'mongoose';

/**
 * A case's newest entry. Deleting the newest entries leaves a chain that
 * verifies on its own; the head, kept apart from the entries, still names
 * the entry that must be there. It only ever moves forward, one entry at a
 * time, and may lag one entry behind after a crash between the two writes.
 */
export interface AccessLogHeadDocument {
  /** The case id. */
  _id: string;
  seq: number;
  hash: string;
}

export const accessLogHeadSchema = new Schema<AccessLogHeadDocument>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'access_log_heads', versionKey: false },
);
