import { type KeyEnvelope, type Recipient, openDataKey, sealDataKey } from '../envelope/envelope';
import { type OrgKeys } from '../keys/org-keys';
import { type SectionName } from '../sections';
import { newDataKey } from '../section/section-aead';
import { type SectionRecord } from '../section/section-record';
import { loadSodium } from '../sodium';
import { type Plaintext, recipientsWithAuthor, writeSectionRecord } from './write-section-record';

export interface SealSectionInput {
  readonly caseId: string;
  readonly section: SectionName;
  readonly contentVersion: number;
  /** The data key version this call creates. */
  readonly keyVersion: number;
  readonly plaintext: Plaintext;
  /** The writing organization's current keys: it signs and always gets an envelope. */
  readonly author: OrgKeys;
  /** Organizations to seal the new data key to (from the key directory). */
  readonly recipients: readonly Recipient[];
  /** Envelope timestamps; defaults to now. */
  readonly createdAt?: string;
}

export interface SealedSection {
  readonly record: SectionRecord;
  readonly envelopes: KeyEnvelope[];
}

/**
 * First write of a section under a key version: a new random data key,
 * the content encrypted and signed, and the key sealed to every recipient
 * and to the author.
 */
export async function sealSection(input: SealSectionInput): Promise<SealedSection> {
  const s = await loadSodium();
  const dataKey = newDataKey();
  try {
    const record = writeSectionRecord(input, input.plaintext, dataKey, input.author);
    const envelopes = recipientsWithAuthor(input.recipients, input.author).map((recipient) =>
      sealDataKey({
        caseId: record.caseId,
        section: record.section,
        keyVersion: record.keyVersion,
        dataKey,
        recipient,
        createdAt: input.createdAt,
      }),
    );
    return { record, envelopes };
  } finally {
    s.memzero(dataKey);
  }
}

export interface UpdateSectionInput {
  /** The author's own envelope for the key version in use; gives case, section and key version. */
  readonly envelope: KeyEnvelope;
  /** Key versions to open that envelope with. */
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** The writing organization's current keys, to sign with. */
  readonly author: OrgKeys;
  readonly contentVersion: number;
  readonly plaintext: Plaintext;
}

/**
 * A new content version under the current key version: the data key is per
 * (case, section, keyVersion), so it is reused and no envelope changes.
 */
export async function updateSection(input: UpdateSectionInput): Promise<SectionRecord> {
  const s = await loadSodium();
  const dataKey = openDataKey(input.envelope, input.myKeys);
  try {
    const { caseId, section, keyVersion } = input.envelope;
    return writeSectionRecord(
      { caseId, section, keyVersion, contentVersion: input.contentVersion },
      input.plaintext,
      dataKey,
      input.author,
    );
  } finally {
    s.memzero(dataKey);
  }
}
