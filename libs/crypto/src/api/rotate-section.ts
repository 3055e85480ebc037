import { type KeyEnvelope, type Recipient } from '../envelope/envelope';
import { MalformedInputError } from '../errors';
import { type OrgKeys, type SigningKey } from '../keys/org-keys';
import { type SectionRecord } from '../section/section-record';
import { loadSodium } from '../sodium';
import { openSection, verifiedSectionRecord } from './open-section';
import { type SealedSection, sealSection } from './seal-section';
import { type Plaintext } from './write-section-record';

export interface RotateSectionInput {
  /** The section's current record. */
  readonly record: SectionRecord;
  /** My envelope for the current key version. */
  readonly envelope: KeyEnvelope;
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** Signing key of the current record's author, to verify before re-encrypting. */
  readonly authorSigningKey: SigningKey;
  /** My organization's current keys: signs the new record, keeps an envelope. */
  readonly author: OrgKeys;
  /** Organizations still granted; only they (and the author) get envelopes. */
  readonly recipients: readonly Recipient[];
  /** Defaults to the current content version + 1. */
  readonly contentVersion?: number;
  /** New content written with the rotation; defaults to the current content. */
  readonly plaintext?: Plaintext;
  readonly createdAt?: string;
}

/**
 * After a consent withdrawal the revoked key version is retired: the
 * section is written again under keyVersion + 1 with a new data key, sealed
 * only to the organizations still granted. A revoked grantee keeps nothing
 * that opens the new version.
 */
export async function rotateSection(input: RotateSectionInput): Promise<SealedSection> {
  const s = await loadSodium();
  // Verified even when new content is given: the new record takes its case and
  // section from this one, so it must be one the author really wrote.
  const current = verifiedSectionRecord(input.record, input.authorSigningKey).record;
  const contentVersion = input.contentVersion ?? current.contentVersion + 1;
  if (contentVersion <= current.contentVersion)
    throw new MalformedInputError('contentVersion: must be after the current one');
  const decrypted = input.plaintext === undefined ? await openSection(input) : undefined;
  try {
    return await sealSection({
      caseId: current.caseId,
      section: current.section,
      contentVersion,
      keyVersion: current.keyVersion + 1,
      plaintext: decrypted ?? input.plaintext ?? '',
      author: input.author,
      recipients: input.recipients,
      createdAt: input.createdAt,
    });
  } finally {
    if (decrypted) s.memzero(decrypted);
  }
}
