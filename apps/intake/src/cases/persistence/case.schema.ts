import { Schema } from 'mongoose';
import { type OutboxEntry, withOutbox } from '@app/persistence';
import { type CaseStatus, type Routing } from '@app/contracts';
import { type CaseClosure } from '../domain/case';
import { type CaseSections, type Grant, type StoredConsent } from '../domain/protected-content';
import { type LegalBasis } from '../../erasure/domain/erasure';

export interface CaseDocument {
  _id: string;
  ownerOrgId: string;
  routing: Routing;
  /** Absent only on cases stored before cases could be closed (LegacyCaseStatusMigration sets it). */
  status: CaseStatus;
  closure?: CaseClosure;
  /** Optimistic concurrency of the routing and status, and the per-aggregate event sequence. */
  version: number;
  openedAt: Date;
  updatedAt: Date;
  /** Encrypted sections with their envelopes, by section name. */
  sections: CaseSections;
  grants: Grant[];
  consents: StoredConsent[];
  /**
   * Bumped by every change of grants and by every write that adds envelopes
   * (a new section or key version, envelopes for a new grantee). Each of
   * those writes names the revision it validated against, so neither can
   * land on a state the other changed: a section write never lands after a
   * withdrawal it did not see, and a withdrawal never misses a section
   * written after its read (it would keep the lost grantee's envelope).
   */
  grantsRevision: number;
  /**
   * Partners an accepted referral disclosed the case to: their `disclose`
   * grants then take envelopes like `access` grants. Absent until the first.
   */
  referralDisclosures?: string[];
  erasedAt?: Date;
  /** The tombstone of an erased case (erasure/). */
  erasure?: StoredErasure;
  outbox: OutboxEntry[];
}

/** What is kept of an erased case, and the purges other services confirmed. */
export interface StoredErasure {
  legalBasis: LegalBasis;
  erasedAt: Date;
  erasedBySub: string;
  /** Service name → when it purged its copy. */
  confirmations: Record<string, Date>;
  /**
   * SHA-256 of each consent's receipt code (the codes were never stored): with
   * its code the client can still read the access log after the erasure.
   */
  receiptCodeHashes?: string[];
}

export const caseSchema = withOutbox(
  new Schema<CaseDocument>(
    {
      _id: { type: String, required: true },
      ownerOrgId: { type: String, required: true },
      routing: { type: Object, required: true },
      status: { type: String, required: true },
      closure: { type: Object },
      version: { type: Number, required: true },
      openedAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      sections: { type: Schema.Types.Mixed, default: {} },
      grants: { type: [Object], default: [] },
      consents: { type: [Object], default: [] },
      grantsRevision: { type: Number, default: 0 },
      referralDisclosures: { type: [String], default: undefined },
      erasedAt: { type: Date },
      erasure: { type: Schema.Types.Mixed },
    },
    { collection: 'cases', versionKey: false, minimize: false },
  ),
);
// Every query is scoped by owner organization.
caseSchema.index({ ownerOrgId: 1, _id: 1 });
// The case list: an organization's cases, newest first, optionally of one status.
caseSchema.index({ ownerOrgId: 1, openedAt: -1, _id: -1 });
caseSchema.index({ ownerOrgId: 1, status: 1, openedAt: -1, _id: -1 });
// A client's receipt code leads to its consent (the code is stored hashed).
caseSchema.index({ 'consents.receiptCodeHash': 1 });
caseSchema.index({ 'erasure.receiptCodeHashes': 1 });
// The expiry sweep looks for grants whose validity ended.
caseSchema.index({ 'grants.validUntil': 1 });
