import { type Recipient, type KeyEnvelope, sealDataKey } from '../envelope/envelope';
import { loadSodium } from '../sodium';
import { type ProveDataKeyInput, provenDataKey } from './proven-data-key';

export interface RewrapForGranteeInput extends ProveDataKeyInput {
  /** The owner's own envelope for the section and key version being shared. */
  readonly envelope: KeyEnvelope;
  /** The grantee's current public key (key directory), with the consent grant. */
  readonly grantee: Recipient;
  readonly createdAt?: string;
}

/**
 * Consent granted a new organization a section: the owner opens its own
 * envelope and seals the same data key to the grantee. Content is not
 * re-encrypted; the grantee reads the existing records.
 *
 * The key is first proven against `record` (the section's signed record at
 * that key version, checked as openSection checks it): an envelope a server
 * sealed to the owner with a key of its own is refused (KEY_MISMATCH) rather
 * than passed on to the grantee, whose later writes would then be readable
 * by that server.
 */
export async function rewrapForGrantee(input: RewrapForGranteeInput): Promise<KeyEnvelope> {
  const s = await loadSodium();
  const dataKey = provenDataKey(input);
  try {
    const { caseId, section, keyVersion } = input.envelope;
    return sealDataKey({ caseId, section, keyVersion, dataKey, recipient: input.grantee, createdAt: input.createdAt });
  } finally {
    s.memzero(dataKey);
  }
}
