import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type KeyEnvelope, type SectionRecord } from '@app/crypto';
import { CASE_SECTIONS, type CaseSection } from '@app/contracts';
import { type OutboxEntry } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/persistence';
import { type Grant, type StoredConsent, type StoredSection } from '../domain/protected-content';
import { type CaseScope, type OwnerScope, type ReceiptHolderScope } from '../domain/case-scope';
import { scopeFilter } from './case-scope.filter';
import { type CaseDocument } from './case.schema';
import { type LegalBasis } from '../../erasure/domain/erasure';
import { caseModel } from './case.model';

/** What access decisions need of a case: never its outbox, and the receipts only when asked. */
export type ProtectedCase = Pick<
  CaseDocument,
  '_id' | 'ownerOrgId' | 'version' | 'sections' | 'grants' | 'consents' | 'grantsRevision' | 'referralDisclosures'
>;

/** What the client may know of an erased case: that it was erased, when, and on what basis. */
export interface ErasureSummary {
  caseId: string;
  erasedAt: Date;
  legalBasis: LegalBasis;
}

/** A receipt code's case: live with its consents, or erased. */
export type ReceiptCase = { live: ProtectedCase } | { erased: ErasureSummary };

/** The grants revision a write validated its recipients against. */
export interface GrantsGuard {
  grantsRevision: number;
}

/** A change of grants and everything that follows from it, applied in one single-document write. */
export interface GrantsChange {
  expectedVersion: number;
  expectedGrantsRevision: number;
  grants: Grant[];
  consents?: StoredConsent[];
  /** Envelopes to delete: per section, the organizations that lost it. */
  envelopeRemovals: Map<CaseSection, string[]>;
  /** Per section, the key version to retire; the next write of it must rotate. */
  retirements: Map<CaseSection, number>;
  events: OutboxEntry[];
}

/** Not erased: the condition every read and write of a live case adds. */
export const LIVE = { erasedAt: { $exists: false } };
const WITHOUT_OUTBOX = { outbox: 0 } as const;

/**
 * Which parts of a case a decision needs. Sections hold up to 256 KiB of
 * ciphertext each and consents every signed version, so a read of one
 * section, or a grants change, leaves the rest in the database.
 * - sections: 'all'; one section; 'metadata' (versions, envelopes, no ciphertext); or 'none'.
 */
export interface CaseParts {
  sections?: 'all' | 'metadata' | 'none' | CaseSection;
  consents?: boolean;
}

/** The projection of a load of `parts` (never the outbox). */
export function projectionOf(parts: CaseParts): Record<string, 0> {
  const projection: Record<string, 0> = { ...WITHOUT_OUTBOX };
  if (!parts.consents) projection.consents = 0;
  const sections = parts.sections ?? 'all';
  if (sections === 'none') projection.sections = 0;
  else if (sections === 'metadata') CASE_SECTIONS.forEach((name) => (projection[`sections.${name}.record`] = 0));
  else if (sections !== 'all')
    CASE_SECTIONS.filter((name) => name !== sections).forEach((name) => (projection[`sections.${name}`] = 0));
  return projection;
}

/**
 * Sections, envelopes, grants and consents of cases. Every read and write
 * takes a scope first and its query applies it: writes are the owner's, and
 * reads are the owner's or a grantee's for a section and purpose, so a case
 * outside the scope is never loaded; the receipt code (the client's own
 * credential) is a scope too. The expiry sweep is the one exception, and
 * says why.
 *
 * Each write is one conditional single-document update (no transactions on
 * this database), so a grant change and the envelopes it deletes can never
 * be seen half done. Methods return false when the guard no longer holds;
 * the caller re-reads and decides again.
 */
@Injectable()
export class ProtectedCaseRepository {
  private readonly model: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = caseModel(connection);
  }

  /** A live case with the parts asked for; parts left out come back empty (no sections, no consents). */
  async load(scope: CaseScope, caseId: string, parts: CaseParts): Promise<ProtectedCase | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ...LIVE, ...scopeFilter(scope) }, projectionOf(parts))
      .lean<ProtectedCase>()
      .exec();
    return found ? { ...found, sections: found.sections ?? {}, consents: found.consents ?? [] } : undefined;
  }

  /**
   * The case a receipt code belongs to, live or erased, in one query: the code
   * is the client's credential, so it is the scope. An erased case answers
   * with its erasure only (its consents went with it).
   */
  async findByReceipt(scope: ReceiptHolderScope): Promise<ReceiptCase | undefined> {
    const found = await this.model
      .findOne(scopeFilter(scope), projectionOf({ sections: 'none', consents: true }))
      .lean<ProtectedCase & Pick<CaseDocument, 'erasedAt' | 'erasure'>>()
      .exec();
    if (!found) return undefined;
    const { erasedAt, erasure, ...live } = found;
    if (erasedAt === undefined) return { live: { ...live, sections: {}, consents: live.consents ?? [] } };
    if (!erasure) return undefined;
    return { erased: { caseId: found._id, erasedAt: erasure.erasedAt, legalBasis: erasure.legalBasis } };
  }

  /** A new section, or a new key version of it: record and envelopes replaced together. */
  async putSection(
    scope: OwnerScope,
    caseId: string,
    section: CaseSection,
    previousContentVersion: number | undefined,
    guard: GrantsGuard,
    stored: StoredSection,
  ): Promise<boolean> {
    const filter = {
      _id: caseId,
      ...LIVE,
      ...scopeFilter(scope),
      grantsRevision: guard.grantsRevision,
      [`sections.${section}.contentVersion`]:
        previousContentVersion === undefined ? { $exists: false } : previousContentVersion,
    };
    const result = await this.model
      // New envelopes: a grants change planned on the case before this write must re-read it (grantsRevision).
      .updateOne(filter, {
        $set: { [`sections.${section}`]: stored, updatedAt: stored.updatedAt },
        $inc: { grantsRevision: 1 },
      })
      .exec();
    return result.modifiedCount === 1;
  }

  /** A new content version under the same data key: the envelopes stay. */
  async updateSectionContent(
    scope: OwnerScope,
    caseId: string,
    section: CaseSection,
    previous: { contentVersion: number; keyVersion: number },
    record: SectionRecord,
    now: Date,
  ): Promise<boolean> {
    const path = `sections.${section}`;
    const filter = {
      _id: caseId,
      ...LIVE,
      ...scopeFilter(scope),
      [`${path}.contentVersion`]: previous.contentVersion,
      [`${path}.keyVersion`]: previous.keyVersion,
      [`${path}.rotationRequired`]: false,
    };
    const result = await this.model
      .updateOne(filter, {
        $set: {
          [`${path}.record`]: record,
          [`${path}.contentVersion`]: record.contentVersion,
          [`${path}.updatedAt`]: now,
          updatedAt: now,
        },
      })
      .exec();
    return result.modifiedCount === 1;
  }

  /** Envelopes for newly granted organizations at the section's current key version. */
  async setEnvelopes(
    scope: OwnerScope,
    caseId: string,
    section: CaseSection,
    keyVersion: number,
    guard: GrantsGuard,
    previous: readonly KeyEnvelope[],
    envelopes: KeyEnvelope[],
  ): Promise<boolean> {
    const path = `sections.${section}`;
    const filter = {
      _id: caseId,
      ...LIVE,
      ...scopeFilter(scope),
      grantsRevision: guard.grantsRevision,
      [`${path}.keyVersion`]: keyVersion,
      [`${path}.rotationRequired`]: false,
      [`${path}.envelopes`]: { $size: previous.length },
    };
    // As putSection: a grants change planned before these envelopes existed must re-read the case.
    const result = await this.model
      .updateOne(filter, { $set: { [`${path}.envelopes`]: envelopes }, $inc: { grantsRevision: 1 } })
      .exec();
    return result.modifiedCount === 1;
  }

  async changeGrants(scope: OwnerScope, caseId: string, change: GrantsChange): Promise<boolean> {
    const $set: Record<string, unknown> = {
      grants: change.grants,
      grantsRevision: change.expectedGrantsRevision + 1,
      version: change.expectedVersion + change.events.length,
      updatedAt: new Date(),
    };
    if (change.consents) $set.consents = change.consents;
    const $pull: Record<string, unknown> = {};
    for (const [section, orgIds] of change.envelopeRemovals)
      $pull[`sections.${section}.envelopes`] = { recipientOrgId: { $in: orgIds } };
    const $addToSet: Record<string, unknown> = {};
    for (const [section, keyVersion] of change.retirements) {
      $addToSet[`sections.${section}.retiredKeyVersions`] = keyVersion;
      $set[`sections.${section}.rotationRequired`] = true;
    }
    const update: Record<string, unknown> = { $set };
    if (Object.keys($pull).length > 0) update.$pull = $pull;
    if (Object.keys($addToSet).length > 0) update.$addToSet = $addToSet;
    if (change.events.length > 0) update.$push = { outbox: { $each: change.events } };
    const result = await this.model
      .updateOne(
        {
          _id: caseId,
          ...LIVE,
          ...scopeFilter(scope),
          version: change.expectedVersion,
          grantsRevision: change.expectedGrantsRevision,
        },
        update,
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /**
   * Cases with a grant whose validity ended and whose envelopes the sweep has
   * not yet removed, across organizations: the sweep acts for every owner and
   * writes each change back in that owner's scope.
   */
  async withExpiredGrants(now: Date, limit: number): Promise<ProtectedCase[]> {
    return this.model
      .find(
        {
          ...LIVE,
          grants: {
            $elemMatch: {
              validUntil: { $lte: now },
              withdrawnAt: { $exists: false },
              expiredAt: { $exists: false },
              supersededAt: { $exists: false },
            },
          },
        },
        projectionOf({ sections: 'metadata' }),
      )
      .limit(limit)
      .lean<ProtectedCase[]>()
      .exec()
      .then((found) => found.map((expired) => ({ ...expired, sections: expired.sections ?? {}, consents: [] })));
  }
}
