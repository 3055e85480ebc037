import { type KeyEnvelope } from '../envelope/envelope';
import { type SectionRecord } from '../section/section-record';
import { loadSodium } from '../sodium';
import { openSection } from './open-section';
import { type RotateSectionInput, rotateSection } from './rotate-section';
import { updateSection } from './seal-section';
import { type Plaintext } from './write-section-record';

/** What rotateSection takes, with the content required and the version always the next one. */
export interface NextVersionInput extends Omit<RotateSectionInput, 'contentVersion' | 'plaintext'> {
  /**
   * Intake reports the record's key version retired: a grant was withdrawn or
   * expired since it was written, so the next version needs a new data key.
   */
  readonly rotationRequired: boolean;
  readonly plaintext: Plaintext;
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
    const sealed = await rotateSection({
      record,
      envelope,
      myKeys,
      authorSigningKey,
      author,
      recipients: input.recipients,
      contentVersion,
      plaintext,
      createdAt,
    });
    return { action: 'rotated', record: sealed.record, envelopes: sealed.envelopes };
  }
  const proof = await openSection({ record, envelope, myKeys, authorSigningKey });
  (await loadSodium()).memzero(proof);
  const next = await updateSection({ envelope, myKeys, author, contentVersion, plaintext });
  return { action: 'updated', record: next, envelopes: [] };
}
