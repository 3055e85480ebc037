import {
  type KeyEnvelope,
  KeyMismatchError,
  type Purpose,
  type SectionName,
  type SectionRecord,
  parseEnvelope,
  parseSectionRecord,
} from '@app/crypto';
import { getSection } from '../api/sections-api';
import { type IntakeClient } from '../http/intake-client';

/** A section record and the caller's envelope for it, validated and checked to be the ones asked for. */
export interface SectionCopy {
  readonly record: SectionRecord;
  readonly envelope: KeyEnvelope;
}

/**
 * Fetches a section. The author's signature covers case and section, so a
 * genuine record of another section would still verify: the context is
 * compared here, before anything is decrypted or re-sealed.
 */
export async function fetchSectionCopy(
  api: IntakeClient,
  caseId: string,
  section: SectionName,
  purpose: Purpose,
): Promise<SectionCopy> {
  const body = await getSection(api, caseId, section, purpose);
  const record = parseSectionRecord(body.record);
  const envelope = parseEnvelope(body.envelope);
  if (record.caseId !== caseId || record.section !== section)
    throw new KeyMismatchError('section record: for another case or section than asked');
  if (envelope.caseId !== caseId || envelope.section !== section || envelope.keyVersion !== record.keyVersion) {
    throw new KeyMismatchError('envelope: for another case, section or key version than the record');
  }
  return { record, envelope };
}
