import { type KeyEnvelope, type Recipient, openDataKey, sealDataKey } from '../envelope/envelope';
import { type OrgKeys } from '../keys/org-keys';
import { loadSodium } from '../sodium';

export interface RewrapForGranteeInput {
  /** The owner's own envelope for the section and key version being shared. */
  readonly envelope: KeyEnvelope;
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** The grantee's current public key (key directory), with the consent grant. */
  readonly grantee: Recipient;
  readonly createdAt?: string;
}

/**
 * Consent granted a new organization a section: the owner opens its own
 * envelope and seals the same data key to the grantee. Content is not
 * re-encrypted; the grantee reads the existing records.
 */
export async function rewrapForGrantee(input: RewrapForGranteeInput): Promise<KeyEnvelope> {
  const s = await loadSodium();
  const dataKey = openDataKey(input.envelope, input.myKeys);
  try {
    const { caseId, section, keyVersion } = input.envelope;
    return sealDataKey({ caseId, section, keyVersion, dataKey, recipient: input.grantee, createdAt: input.createdAt });
  } finally {
    s.memzero(dataKey);
  }
}
