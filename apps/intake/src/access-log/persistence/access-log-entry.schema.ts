import { Schema } from 'mongoose';

/** One hand-out of an envelope, as stored: the SDK's entry plus the case it belongs to. */
export interface AccessLogEntryDocument {
  caseId: string;
  seq: number;
  // Kept as the exact string that was hashed: a Date would be re-spelled on
  // the way back (precision, format) and the entry would no longer verify.
  at: string;
  actorSub: string;
  actorOrg: string;
  purpose: string;
  section: string;
  keyVersion: number;
  prevHash: string;
  hash: string;
}

export const accessLogEntrySchema = new Schema<AccessLogEntryDocument>(
  {
    caseId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: String, required: true },
    actorSub: { type: String, required: true },
    actorOrg: { type: String, required: true },
    purpose: { type: String, required: true },
    section: { type: String, required: true },
    keyVersion: { type: Number, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'access_log', versionKey: false },
);
// One entry per position: of two appends that read the same newest entry,
// only one can take the next seq, so the chain never forks (no transactions needed).
accessLogEntrySchema.index({ caseId: 1, seq: 1 }, { unique: true });
