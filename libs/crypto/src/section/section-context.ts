import { SECTION_FORMAT_VERSION } from '../algorithms';
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
 * {caseId, contentVersion, keyVersion, section, v}. Decryption then fails if
 * the ciphertext is moved to another case or section, replayed as another
 * version, or relabelled as another format (padded content read as unpadded).
 * JSON with sorted keys and escaped strings is unambiguous where a
 * `caseId|section|...` join would not be (an id containing `|`).
 */
export function sectionAssociatedData(context: SectionContext): Uint8Array {
  return utf8Encode(
    canonicalJson({
      v: SECTION_FORMAT_VERSION,
      caseId: context.caseId,
      section: context.section,
      contentVersion: context.contentVersion,
      keyVersion: context.keyVersion,
    }),
  );
}
