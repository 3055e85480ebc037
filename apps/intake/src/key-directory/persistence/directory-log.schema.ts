import { Schema } from 'mongoose';
import { type DirectoryLogEntry } from '@app/crypto';

/**
 * One entry of the key directory log, stored as served plus who registered
 * it. `_id` is the entry's index: unique, so two appends cannot both take a
 * position, and the log has no gaps.
 */
export type DirectoryLogDocument = Omit<DirectoryLogEntry, 'index'> & {
  _id: number;
  /** Token subject of the org_admin who registered it; kept for the organization's audit, never served. */
  registeredBySub: string;
};

export const directoryLogSchema = new Schema<DirectoryLogDocument>(
  {
    _id: { type: Number, required: true },
    orgId: { type: String, required: true },
    keyVersion: { type: Number, required: true },
    record: { type: Object, required: true },
    rotation: { type: Object, required: false },
    registeredAt: { type: String, required: true },
    registeredBySub: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'key_directory_log', versionKey: false },
);

// An organization's version is registered once: the race between two rotations is decided here.
directoryLogSchema.index({ orgId: 1, keyVersion: 1 }, { unique: true });
