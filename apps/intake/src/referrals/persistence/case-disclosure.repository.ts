import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type KeyEnvelope } from '@app/crypto';
import { type CaseSection } from '@app/contracts';
import { MONGO_CONNECTION } from '@app/persistence';
import { type OwnerScope } from '../../cases/domain/case-scope';
import { LIVE, type ProtectedCase, projectionOf } from '../../cases/persistence/protected-case.repository';
import { scopeFilter } from '../../cases/persistence/case-scope.filter';
import { type CaseDocument } from '../../cases/persistence/case.schema';
import { caseModel } from '../../cases/persistence/case.model';

/**
 * The writes a referral makes on its case, in the owner's scope: releasing
 * the held keys to the partner on acceptance, and taking them back when an
 * accepted referral is withdrawn. Each is one conditional update guarded by
 * the grants revision, as every other write that adds or removes envelopes
 * (protected-case.repository.ts), so none lands on grants it did not see.
 */
@Injectable()
export class CaseDisclosureRepository {
  private readonly model: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = caseModel(connection);
  }

  /** The case's grants, sections' key versions and envelopes (no records, no consents, no outbox). */
  async load(scope: OwnerScope, caseId: string): Promise<ProtectedCase | undefined> {
    const found = await this.model
      .findOne({ _id: caseId, ...LIVE, ...scopeFilter(scope) }, projectionOf({ sections: 'metadata' }))
      .lean<ProtectedCase>()
      .exec();
    return found ? { ...found, sections: found.sections ?? {}, consents: [] } : undefined;
  }

  /**
   * Adds the partner's envelopes to the sections they were sealed for, if
   * each section is still at that key version, and records the disclosure.
   * False when the grants or a section changed since `current` was read.
   */
  async release(
    scope: OwnerScope,
    current: ProtectedCase,
    partnerOrgId: string,
    envelopes: readonly KeyEnvelope[],
  ): Promise<boolean> {
    const filter: Record<string, unknown> = {
      _id: current._id,
      ...LIVE,
      ...scopeFilter(scope),
      grantsRevision: current.grantsRevision,
    };
    const $set: Record<string, unknown> = {};
    for (const envelope of envelopes) {
      const stored = current.sections[envelope.section];
      if (!stored) continue;
      const path = `sections.${envelope.section}`;
      filter[`${path}.keyVersion`] = envelope.keyVersion;
      filter[`${path}.envelopes`] = { $size: stored.envelopes.length };
      $set[`${path}.envelopes`] = [
        ...stored.envelopes.filter((held) => held.recipientOrgId !== partnerOrgId),
        envelope,
      ];
    }
    const update: Record<string, unknown> = {
      $addToSet: { referralDisclosures: partnerOrgId },
      $inc: { grantsRevision: 1 },
    };
    // Every held key may be stale (the sections rotated since): the disclosure is still recorded.
    if (Object.keys($set).length > 0) update.$set = $set;
    const { modifiedCount } = await this.model.updateOne(filter, update).exec();
    return modifiedCount === 1;
  }

  /**
   * Takes the case back from a partner whose accepted referral was withdrawn:
   * its envelopes go, each section it held a key of must rotate (the key
   * reached it), and its `disclose` grants stop taking envelopes.
   */
  async revoke(scope: OwnerScope, current: ProtectedCase, partnerOrgId: string): Promise<boolean> {
    const held = (
      Object.entries(current.sections) as [CaseSection, NonNullable<ProtectedCase['sections'][CaseSection]>][]
    ).filter(([, stored]) => stored.envelopes.some((envelope) => envelope.recipientOrgId === partnerOrgId));
    const $pull: Record<string, unknown> = { referralDisclosures: partnerOrgId };
    const $set: Record<string, unknown> = {};
    const $addToSet: Record<string, unknown> = {};
    for (const [section, stored] of held) {
      $pull[`sections.${section}.envelopes`] = { recipientOrgId: partnerOrgId };
      $addToSet[`sections.${section}.retiredKeyVersions`] = stored.keyVersion;
      $set[`sections.${section}.rotationRequired`] = true;
    }
    const update: Record<string, unknown> = { $pull, $inc: { grantsRevision: 1 } };
    if (held.length > 0) Object.assign(update, { $set, $addToSet });
    const { modifiedCount } = await this.model
      .updateOne({ _id: current._id, ...LIVE, ...scopeFilter(scope), grantsRevision: current.grantsRevision }, update)
      .exec();
    return modifiedCount === 1;
  }
}
