import { type OrgKeys, rewrapForGrantee } from '@app/crypto';
import { addEnvelopes, type SectionSummary } from '../api/sections-api';
import { type Grantee } from '../consent/granted-organizations';
import { type KeyDirectory } from '../directory/key-directory';
import { type SignerLookup } from '../directory/signer-lookup';
import { type IntakeClient } from '../http/intake-client';
import { recipientKeys } from './recipient-keys';
import { type SectionCopy, fetchSectionCopy } from './section-copy';

export interface ShareInput {
  readonly api: IntakeClient;
  readonly directory: KeyDirectory;
  readonly lookup: SignerLookup;
  readonly ring: readonly OrgKeys[];
  readonly caseId: string;
  readonly summary: SectionSummary;
  readonly grantees: readonly Grantee[];
  /** Our own copy of the section if already fetched (record and envelope at the current key version). */
  readonly copy?: SectionCopy;
}

/**
 * Seals the section's current data key to granted organizations that hold no
 * envelope yet (consent granted after the section was written). Returns the
 * organizations added. Skipped when the key version is retired (the next
 * write rotates) or intake does not say who holds envelopes.
 */
export async function shareWithGrantees(input: ShareInput): Promise<string[]> {
  const { summary } = input;
  if (summary.rotationRequired || summary.recipients === undefined) return [];
  const holders = new Set(summary.recipients);
  const missing = input.grantees.filter((grantee) => !holders.has(grantee.orgId));
  if (missing.length === 0) return [];
  const copy = input.copy ?? (await fetchSectionCopy(input.api, input.caseId, summary.section, 'case_coordination'));
  const authorSigningKey = await input.lookup(copy.record.authorOrgId, copy.record.authorKeyId);
  const envelopes = [];
  for (const grantee of await recipientKeys(input.directory, missing)) {
    // The SDK opens the signed record with the envelope's key first: intake
    // could have handed us an envelope holding a key it knows.
    envelopes.push(await rewrapForGrantee({ ...copy, authorSigningKey, myKeys: input.ring, grantee }));
  }
  await addEnvelopes(input.api, input.caseId, summary.section, envelopes);
  return missing.map((grantee) => grantee.orgId);
}
