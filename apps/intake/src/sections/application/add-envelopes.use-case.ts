import { Injectable } from '@nestjs/common';
import { type CaseSection } from '@app/contracts';
import { INTAKE_ERRORS } from '../../intake-errors';
import { type Principal } from '@app/auth';
import { KeyDirectory } from '../../key-directory/key-directory.service';
import { ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { caseNotFound } from '../../cases/application/case-errors';
import { checkEnvelopes } from './check-envelopes';
import { keyVersionRetired, sectionNotAvailable } from './section-errors';
import { ownerScope } from '../../cases/domain/case-scope';

/**
 * After a new grant, the owner's SDK opens its own envelope and seals the
 * data key to the grantee (rewrapForGrantee); this stores those envelopes.
 * An envelope for a recipient that already has one replaces it (its key may
 * have rotated).
 */
@Injectable()
export class AddEnvelopes {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly directory: KeyDirectory,
  ) {}

  async execute(
    principal: Principal,
    caseId: string,
    section: CaseSection,
    input: unknown,
  ): Promise<{ keyVersion: number; recipients: string[] }> {
    const scope = ownerScope(principal.orgId);
    const current = await this.cases.load(scope, caseId, { sections: section });
    if (!current) throw caseNotFound();
    const stored = current.sections[section];
    if (!stored) throw sectionNotAvailable();
    if (stored.rotationRequired) throw keyVersionRetired();
    const now = new Date();
    const added = await checkEnvelopes(
      input,
      {
        caseId,
        section,
        keyVersion: stored.keyVersion,
        ownerOrgId: current.ownerOrgId,
        grants: current.grants,
        now,
        disclosedTo: current.referralDisclosures ?? [],
      },
      this.directory,
    );
    const replaced = new Set(added.map((envelope) => envelope.recipientOrgId));
    const envelopes = [...stored.envelopes.filter((envelope) => !replaced.has(envelope.recipientOrgId)), ...added];
    if (
      !(await this.cases.setEnvelopes(
        scope,
        caseId,
        section,
        stored.keyVersion,
        { grantsRevision: current.grantsRevision },
        stored.envelopes,
        envelopes,
      ))
    ) {
      throw INTAKE_ERRORS.error(
        'SECTION.CONCURRENT_CHANGE',
        'the section or its grants changed while the envelopes were checked; reload and retry',
      );
    }
    return { keyVersion: stored.keyVersion, recipients: envelopes.map((envelope) => envelope.recipientOrgId) };
  }
}
