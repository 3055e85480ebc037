import { z } from 'zod';
import { type SectionName } from '../sections';
import { SECTION_CONTENT_SCHEMAS } from './schemas';

/**
 * A section's schema as JSON Schema (draft 2020-12), for forms and for tools
 * in other languages; docs/section-content holds them (`npm run
 * docs:section-content`). JSON Schema cannot say everything the zod schema
 * checks (that prefer_not_to_say stands alone, that an expiry follows the
 * issue date): the SDK's parseSectionContent is the authority.
 */
export function sectionContentJsonSchema(section: SectionName): Record<string, unknown> {
  const schema = z.toJSONSchema(SECTION_CONTENT_SCHEMAS[section], { target: 'draft-2020-12', io: 'input' });
  return { $id: `urn:refugio:section-content:${section}`, ...schema };
}
