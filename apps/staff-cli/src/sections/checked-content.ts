import { type SectionName, decodeSectionContent, encodeSectionContent } from '@app/crypto';
import { InvalidContentError } from '../errors/cli-error';

/**
 * The bytes to seal for a section file: the file read as UTF-8 JSON and
 * checked against the section's schema (docs/section-content), then
 * serialized again by the SDK, so what is sealed is exactly what was
 * checked. A file that is not JSON, or not content of that section, is
 * refused with CLI.INVALID_CONTENT before any key is touched; the issues
 * name fields and rules, never values. The caller zeroes the result.
 */
export function checkedContent(section: SectionName, file: Uint8Array): Uint8Array {
  const decoded = decodeSectionContent(section, file);
  if (!decoded.ok) throw new InvalidContentError(`${section} file`, decoded.issues);
  return encodeSectionContent(section, decoded.content);
}
