import { canonicalJson } from '../canonical-json';
import { utf8Encode } from '../encoding/utf8';
import { type SectionName } from '../sections';

/** Where a section ciphertext belongs: the four values its associated data binds. */
export type SectionContext = {
  readonly caseId: string;
  readonly section: SectionName;
  readonly contentVersion: number;
  readonly keyVersion: number;
};

/**
 * Associated data of a section ciphertext: the RFC 8785 canonical JSON of
 * {caseId, contentVersion, keyVersion, section}. Decryption then fails if
 * the ciphertext is moved to another case or section or replayed as another
 * version. JSON with sorted keys and escaped strings is unambiguous where a
 * `caseId|section|...` join would not be (an id containing `|`).
 */
export function sectionAssociatedData(context: SectionContext): Uint8Array {
  return utf8Encode(
    canonicalJson({
      caseId: context.caseId,
      section: context.section,
      contentVersion: context.contentVersion,
      keyVersion: context.keyVersion,
    }),
  );
}
