import { type Purpose, type SectionName, type SectionRecord, openSection } from '@app/crypto';
import { type CliContext } from '../context/cli-context';
import { signerLookup } from '../directory/signer-lookup';
import { fetchSectionCopy } from './section-copy';

export interface OpenedSection {
  readonly record: SectionRecord;
  readonly plaintext: Uint8Array;
}

/**
 * Fetches a section, verifies its author's signature against the key
 * directory, refuses a version older than one seen before, then decrypts it
 * and remembers its version.
 */
export async function readSection(
  context: CliContext,
  caseId: string,
  section: SectionName,
  purpose: Purpose,
): Promise<OpenedSection> {
  const { ring } = await context.keyRing();
  const { record, envelope } = await fetchSectionCopy(context.intake(), caseId, section, purpose);
  const authorSigningKey = await signerLookup(context.directory(), ring)(record.authorOrgId, record.authorKeyId);
  const seenVersions = context.seenVersions();
  const seen = await seenVersions.get(caseId, section);
  const plaintext = await openSection({ record, envelope, myKeys: ring, authorSigningKey, ...(seen ? { seen } : {}) });
  await seenVersions.raise(caseId, section, record);
  return { record, plaintext };
}

/** What may be printed about a section without its content. */
export function sectionSummary(record: SectionRecord, plaintextBytes: number): { [key: string]: string | number } {
  return {
    caseId: record.caseId,
    section: record.section,
    contentVersion: record.contentVersion,
    keyVersion: record.keyVersion,
    authorOrgId: record.authorOrgId,
    authorKeyId: record.authorKeyId,
    bytes: plaintextBytes,
  };
}
