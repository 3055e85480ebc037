import { type z } from 'zod';
import { type SectionName } from '../sections';
import { contactContent } from './contact';
import { familyContent } from './family';
import { healthContent } from './health';
import { identityContent } from './identity';
import { legalContent } from './legal';
import { needsContent } from './needs';
import { protectionContent } from './protection';
import { sogiescContent } from './sogiesc';

/**
 * One schema per section of the catalog. The mapped type makes a section
 * without a schema a compile error, so the catalog and the schemas cannot
 * drift apart.
 */
export const SECTION_CONTENT_SCHEMAS = {
  identity: identityContent,
  contact: contactContent,
  sogiesc: sogiescContent,
  protection: protectionContent,
  health: healthContent,
  legal: legalContent,
  family: familyContent,
  needs: needsContent,
} as const satisfies { readonly [S in SectionName]: z.ZodType };

/** The content of a section, as its schema types it. */
export type SectionContent<S extends SectionName = SectionName> = z.infer<(typeof SECTION_CONTENT_SCHEMAS)[S]>;
