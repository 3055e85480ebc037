import { Injectable } from '@nestjs/common';
import {
  type KeyEnvelope,
  SECTION_TAG_BYTES,
  type SectionRecord,
  decodeSectionRecord,
  verifiedSectionRecord,
} from '@app/crypto';
import { type CaseSection } from '@app/contracts';
import { type DomainError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';
import { type Principal } from '@app/auth';
import { checkedInput } from '../../cases/application/crypto-input';
import { KeyDirectory } from '../../key-directory/key-directory.service';
import { type StoredSection } from '../../cases/domain/protected-content';
import { ProtectedCaseRepository, type ProtectedCase } from '../../cases/persistence/protected-case.repository';
import { caseNotFound } from '../../cases/application/case-errors';
import { checkEnvelopes } from './check-envelopes';
import { keyVersionRetired } from './section-errors';
import { ownerScope } from '../../cases/domain/case-scope';

/**
 * Per section; a form with attachments stays far below, and it bounds what one case document can grow to.
 * The SDK pads content to size buckets and 256 KiB is one, so the limit is that bucket plus the AEAD tag:
 * content up to 256 KiB padded. (The SDK's parser has already refused any length that is not a bucket.)
 */
export const SECTION_CIPHERTEXT_LIMIT = 256 * 1024 + SECTION_TAG_BYTES;

export interface WrittenSection {
  section: CaseSection;
  contentVersion: number;
  keyVersion: number;
  recipients: string[];
}

/**
 * Accepts a new content version of an encrypted section. The server cannot
 * read it, but it checks everything it can: the record is for this case and
 * section, signed by the owner organization's registered key, the next
 * content version (no replays), under the current key version or the next
 * one (never a retired one), with envelopes only for organizations the
 * client consented to.
 */
@Injectable()
export class WriteSection {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly directory: KeyDirectory,
  ) {}

  async execute(
    principal: Principal,
    caseId: string,
    section: CaseSection,
    body: { record: unknown; envelopes?: unknown },
  ): Promise<WrittenSection> {
    const scope = ownerScope(principal.orgId);
    const current = await this.cases.load(scope, caseId, { sections: section });
    if (!current) throw caseNotFound();
    const record = await this.checkedRecord(principal, caseId, section, body.record);
    const stored = current.sections[section];
    const now = new Date();

    if (stored && record.keyVersion === stored.keyVersion && !stored.rotationRequired) {
      checkNextContentVersion(stored.contentVersion, record);
      if (body.envelopes !== undefined && !(Array.isArray(body.envelopes) && body.envelopes.length === 0)) {
        throw INTAKE_ERRORS.error(
          'SECTION.ENVELOPES_UNCHANGED',
          'a content update keeps the envelopes; add envelopes for new grantees separately',
        );
      }
      if (!(await this.cases.updateSectionContent(scope, caseId, section, stored, record, now))) throw sectionChanged();
      return view(section, record, stored.envelopes);
    }

    checkKeyVersion(stored, record);
    checkNextContentVersion(stored?.contentVersion ?? 0, record);
    const envelopes = await this.envelopesFor(current, section, record, body.envelopes, now);
    const next: StoredSection = {
      record,
      contentVersion: record.contentVersion,
      keyVersion: record.keyVersion,
      envelopes,
      retiredKeyVersions: stored?.retiredKeyVersions ?? [],
      rotationRequired: false,
      updatedAt: now,
    };
    if (
      !(await this.cases.putSection(
        scope,
        caseId,
        section,
        stored?.contentVersion,
        { grantsRevision: current.grantsRevision },
        next,
      ))
    )
      throw sectionChanged();
    return view(section, record, envelopes);
  }

  private async checkedRecord(
    principal: Principal,
    caseId: string,
    section: CaseSection,
    input: unknown,
  ): Promise<SectionRecord> {
    const decoded = await checkedInput(() => decodeSectionRecord(input));
    const { record } = decoded;
    if (record.caseId !== caseId || record.section !== section)
      throw INTAKE_ERRORS.error('SECTION.CONTEXT_MISMATCH', 'the record is for another case or section');
    if (decoded.ciphertext.length > SECTION_CIPHERTEXT_LIMIT)
      throw INTAKE_ERRORS.error(
        'SECTION.TOO_LARGE',
        `a section's ciphertext is limited to ${SECTION_CIPHERTEXT_LIMIT} bytes (256 KiB of padded content)`,
      );
    if (record.authorOrgId !== principal.orgId)
      throw INTAKE_ERRORS.error('SECTION.AUTHOR_MISMATCH', "the record's author must be the caller's organization");
    const signingKey = await this.directory.currentSigningKey(principal.orgId, record.authorKeyId);
    if (!signingKey)
      throw INTAKE_ERRORS.error(
        'SECTION.AUTHOR_KEY_UNKNOWN',
        "the record must be signed with the organization's current registered signing key",
      );
    return (await checkedInput(() => verifiedSectionRecord(input, signingKey))).record;
  }

  private async envelopesFor(
    current: ProtectedCase,
    section: CaseSection,
    record: SectionRecord,
    input: unknown,
    now: Date,
  ): Promise<KeyEnvelope[]> {
    const envelopes = await checkEnvelopes(
      input ?? [],
      {
        caseId: current._id,
        section,
        keyVersion: record.keyVersion,
        ownerOrgId: current.ownerOrgId,
        grants: current.grants,
        disclosedTo: current.referralDisclosures ?? [],
        now,
      },
      this.directory,
    );
    if (!envelopes.some((envelope) => envelope.recipientOrgId === current.ownerOrgId)) {
      throw INTAKE_ERRORS.error(
        'ENVELOPE.OWNER_MISSING',
        "a new key version needs the owner organization's own envelope",
      );
    }
    return envelopes;
  }
}

function checkKeyVersion(stored: StoredSection | undefined, record: SectionRecord): void {
  if (!stored) {
    if (record.keyVersion !== 1)
      throw INTAKE_ERRORS.error('SECTION.KEY_VERSION_CONFLICT', 'a new section starts at key version 1');
    return;
  }
  const retired = stored.rotationRequired || stored.retiredKeyVersions.includes(record.keyVersion);
  if (record.keyVersion <= stored.keyVersion && retired) throw keyVersionRetired();
  if (record.keyVersion !== stored.keyVersion + 1)
    throw INTAKE_ERRORS.error('SECTION.KEY_VERSION_CONFLICT', 'the key version must be the current one or the next');
}

function checkNextContentVersion(storedContentVersion: number, record: SectionRecord): void {
  if (record.contentVersion !== storedContentVersion + 1) {
    throw INTAKE_ERRORS.error(
      'SECTION.CONTENT_VERSION_CONFLICT',
      'the content version must follow the stored one (replayed or stale write)',
    );
  }
}

function sectionChanged(): DomainError {
  return INTAKE_ERRORS.error(
    'SECTION.CONCURRENT_CHANGE',
    'the section or its grants changed while this write was checked; reload and retry',
  );
}

function view(section: CaseSection, record: SectionRecord, envelopes: readonly KeyEnvelope[]): WrittenSection {
  return {
    section,
    contentVersion: record.contentVersion,
    keyVersion: record.keyVersion,
    recipients: envelopes.map((envelope) => envelope.recipientOrgId),
  };
}
