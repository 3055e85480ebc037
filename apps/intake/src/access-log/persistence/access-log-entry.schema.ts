import { Schema } from 'mongoose';

/**
 * One hand-out of an envelope, as stored: the SDK's entry in its owner's
 * view (format 2 with its subject's opening) plus the case it belongs to.
 * Format 1 documents (stored before format 2) have no `v`, role, digest,
 * salt or dedupe key; they are never rewritten.
 */
export interface AccessLogEntryDocument {
  caseId: string;
  /** 2, or absent for format 1. */
  v?: 2;
  seq: number;
  // Kept as the exact string that was hashed: a Date would be re-spelled on
  // the way back (precision, format) and the entry would no longer verify.
  at: string;
  /** Both formats: the owner is shown it. Format 2 hashes only its digest. */
  actorSub: string;
  actorOrg: string;
  actorRole?: string;
  actorSubDigest?: string;
  actorSalt?: string;
  purpose: string;
  section: string;
  keyVersion: number;
  prevHash: string;
  hash: string;
  /** dedupeKeyOf: identical hand-outs of one window share it. */
  dedupeKey?: string;
}

export const accessLogEntrySchema = new Schema<AccessLogEntryDocument>(
  {
    caseId: { type: String, required: true },
    v: { type: Number },
    seq: { type: Number, required: true },
    at: { type: String, required: true },
    actorSub: { type: String, required: true },
    actorOrg: { type: String, required: true },
    actorRole: { type: String },
    actorSubDigest: { type: String },
    actorSalt: { type: String },
    purpose: { type: String, required: true },
    section: { type: String, required: true },
    keyVersion: { type: Number, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    dedupeKey: { type: String },
  },
  { collection: 'access_log', versionKey: false },
);
// One entry per position: of two appends that read the same newest entry,
// only one can take the next seq, so the chain never forks (no transactions needed).
accessLogEntrySchema.index({ caseId: 1, seq: 1 }, { unique: true });
// One entry per identical hand-out and window: of two that race, only one
// appends, the other reuses it. The key hashes the case id, so it is per
// case. Sparse, on its own: format 1 entries have no key, and a compound
// index would index each of them as null and let only one in per case.
accessLogEntrySchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
