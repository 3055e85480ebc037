import { Schema } from 'mongoose';
import { type LegalBasis } from '../domain/erasure';

export interface StoredErasure {
  legalBasis: LegalBasis;
  erasedAt: Date;
  erasedBySub: string;
  confirmations: Record<string, Date>;
}

/** The fields of a case document that erasure reads and writes. */
export interface ErasableCase {
  _id: string;
  ownerOrgId: string;
  version: number;
  erasedAt?: Date;
  erasure?: StoredErasure;
}

/**
 * A second view of intake's `cases` collection, limited to what erasure
 * needs. Not strict, because erasure removes and appends fields this view
 * does not declare (sections, envelopes, outbox), and it creates no indexes:
 * the case schema owns the collection's shape and indexes.
 */
export const erasableCaseSchema = new Schema<ErasableCase>(
  {
    _id: { type: String, required: true },
    ownerOrgId: { type: String, required: true },
    version: { type: Number, required: true },
    erasedAt: { type: Date },
    erasure: { type: Schema.Types.Mixed },
  },
  { collection: 'cases', strict: false, versionKey: false, autoIndex: false },
);
