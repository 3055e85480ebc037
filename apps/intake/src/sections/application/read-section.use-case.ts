import { Injectable } from '@nestjs/common';
import { type KeyEnvelope, type SectionRecord } from '@app/crypto';
import { type CaseSection, type Purpose, type Role, rolesAllow } from '@app/contracts';
import { type Principal } from '@app/auth';
import { activeGrantFor } from '../../cases/domain/grants';
import { type Reader, readerScope } from '../../cases/domain/case-scope';
import { ProtectedCaseRepository, type ProtectedCase } from '../../cases/persistence/protected-case.repository';
import { caseNotFound } from '../../cases/application/case-errors';
import { AccessLog } from '../../access-log/application/access-log.service';
import { readingRole } from '../../access-log/domain/reading-role';
import { purposeNotAllowed, sectionNotAvailable } from './section-errors';

export interface SectionSummary {
  section: CaseSection;
  contentVersion: number;
  keyVersion: number;
  /** Owner only: who holds an envelope, and whether the next write must rotate. */
  recipients?: string[];
  rotationRequired?: boolean;
}

/**
 * Hands out a section and the caller's own envelope, and nothing else: to
 * the owner organization, or to an organization with an active grant for
 * that section and the purpose it declares. Every hand-out is appended to the
 * case's access log before the response leaves.
 */
@Injectable()
export class ReadSection {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async one(
    principal: Principal,
    caseId: string,
    section: CaseSection,
    purpose: Purpose,
  ): Promise<{ record: SectionRecord; envelope: KeyEnvelope }> {
    const actorRole = roleAllowing(principal, purpose);
    // Out of scope and not there answer alike, so a section read tells no one whether a case exists.
    const current = await this.cases.load(readerScope(principal, purpose, section), caseId, {
      sections: section,
    });
    if (!current) throw sectionNotAvailable();
    const stored = current.sections[section];
    const envelope = stored?.envelopes.find((candidate) => candidate.recipientOrgId === principal.orgId);
    if (!stored || !envelope) throw sectionNotAvailable();
    await this.accessLog.append({
      caseId,
      actorSub: principal.sub,
      actorOrg: principal.orgId,
      actorRole,
      purpose,
      section,
      keyVersion: stored.keyVersion,
    });
    // A withdrawal or expiry may have committed since the read: hand out only what the caller still holds now.
    if (!(await this.stillHeld(principal, caseId, section, purpose, stored.keyVersion))) throw sectionNotAvailable();
    return { record: stored.record, envelope };
  }

  /**
   * After the hand-out is logged and before it leaves: still in scope (a fresh
   * time, so an expiry counts), and the caller's envelope still there at the
   * same key version (a withdrawal deletes it and retires the version).
   */
  private async stillHeld(
    reader: Reader,
    caseId: string,
    section: CaseSection,
    purpose: Purpose,
    keyVersion: number,
  ): Promise<boolean> {
    const { orgId } = reader;
    const again = await this.cases.load(readerScope(reader, purpose, section), caseId, { sections: 'metadata' });
    const stored = again?.sections[section];
    return (
      stored?.keyVersion === keyVersion && stored.envelopes.some((candidate) => candidate.recipientOrgId === orgId)
    );
  }

  /** What the caller may read for this purpose. A case the caller has no active grant on does not exist for it. */
  async list(principal: Principal, caseId: string, purpose: Purpose): Promise<SectionSummary[]> {
    assertPurposeAllowed(principal, purpose);
    const now = new Date();
    const scope = readerScope(principal, purpose, undefined, now);
    const current = await this.cases.load(scope, caseId, { sections: 'metadata' });
    if (!current) throw caseNotFound();
    // In scope as the owner or as a grantee: the owner sees every section and its recipients.
    if (current.ownerOrgId === principal.orgId) return ownerSummaries(current);
    return Object.entries(current.sections).flatMap(([name, stored]) => {
      const section = name as CaseSection;
      const readable =
        stored &&
        activeGrantFor(current.grants, principal.orgId, section, purpose, now) &&
        stored.envelopes.some((envelope) => envelope.recipientOrgId === principal.orgId);
      return readable ? [{ section, contentVersion: stored.contentVersion, keyVersion: stored.keyVersion }] : [];
    });
  }
}

/** Before anything is loaded: the answer depends on the token alone, so it tells nothing about the case. */
function assertPurposeAllowed(principal: Principal, purpose: Purpose): void {
  if (!rolesAllow(principal.roles, purpose)) throw purposeNotAllowed(principal.roles, purpose);
}

/** assertPurposeAllowed, and the role the access log names for the read (readingRole). */
function roleAllowing(principal: Principal, purpose: Purpose): Role {
  const role = readingRole(principal.roles, purpose);
  if (role === undefined) throw purposeNotAllowed(principal.roles, purpose);
  return role;
}

function ownerSummaries(current: ProtectedCase): SectionSummary[] {
  return Object.entries(current.sections).flatMap(([name, stored]) =>
    stored
      ? [
          {
            section: name as CaseSection,
            contentVersion: stored.contentVersion,
            keyVersion: stored.keyVersion,
            recipients: stored.envelopes.map((envelope) => envelope.recipientOrgId),
            rotationRequired: stored.rotationRequired,
          },
        ]
      : [],
  );
}
