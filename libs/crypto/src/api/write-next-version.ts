import { type KeyEnvelope, type Recipient } from '../envelope/envelope';
import { type OrgKeys, type SigningKey } from '../keys/org-keys';
import { type SectionRecord } from '../section/section-record';
import { loadSodium } from '../sodium';
import { openSection } from './open-section';
import { rotateSection } from './rotate-section';
import { updateSection } from './seal-section';
import { type Plaintext } from './write-section-record';

export interface NextVersionInput {
  /** The section's current record and my envelope for it, as intake handed them out. */
  readonly record: SectionRecord;
  readonly envelope: KeyEnvelope;
  /**
   * Intake reports the record's key version retired: a grant was withdrawn or
   * expired since it was written, so the next version needs a new data key.
   */
  readonly rotationRequired: boolean;
  readonly myKeys: OrgKeys | readonly OrgKeys[];
  /** My organization's current keys: they sign the new record. */
  readonly author: OrgKeys;
  /** Signing key of the current record's author, from the key directory. */
  readonly authorSigningKey: SigningKey;
  /** Organizations still granted this section: on rotation only they (and the author) get envelopes. */
  readonly recipients: readonly Recipient[];
  readonly plaintext: Plaintext;
  /** When the envelopes of a rotation were made; defaults to now. */
  readonly createdAt?: string;
}

export type NextVersion =
  | { readonly action: 'updated'; readonly record: SectionRecord; readonly envelopes: readonly [] }
  | { readonly action: 'rotated'; readonly record: SectionRecord; readonly envelopes: KeyEnvelope[] };

/**
 * Writes the next content version of a section the way its state requires,
 * so that no client has to get this right on its own:
 * - key version retired: rotate (keyVersion + 1, a new data key, envelopes
 *   for the organizations still granted only), so a revoked organization
 *   holds nothing that opens what is written from now on;
 * - otherwise: reuse the data key (the envelopes already handed out keep
 *   working), but only after opening the author-signed current record with
 *   my envelope. Sealed boxes are anonymous: a server could hand me an
 *   envelope holding a key it knows, and whatever I encrypted under it would
 *   be readable by the server. The proof makes that a refusal.
 *
 * If intake refuses an update with SECTION.KEY_VERSION_RETIRED (a withdrawal
 * landed in between), call again with rotationRequired.
 */
export async function writeNextVersion(input: NextVersionInput): Promise<NextVersion> {
  const { record, envelope, myKeys, author, authorSigningKey, plaintext, createdAt } = input;
  const contentVersion = record.contentVersion + 1;
  if (input.rotationRequired) {
    const sealed = await rotateSection({ record, envelope, myKeys, authorSigningKey, author, recipients: input.recipients, contentVersion, plaintext, createdAt });
    return { action: 'rotated', record: sealed.record, envelopes: sealed.envelopes };
  }
  const proof = await openSection({ record, envelope, myKeys, authorSigningKey });
  (await loadSodium()).memzero(proof);
  const next = await updateSection({ envelope, myKeys, author, contentVersion, plaintext });
  return { action: 'updated', record: next, envelopes: [] };
}
