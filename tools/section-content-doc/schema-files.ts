import { SECTIONS, type SectionName, sectionContentJsonSchema } from '@app/crypto';

/** Where `npm run docs:section-content` writes one JSON Schema per section of the catalog. */
export const SECTION_CONTENT_DOCS = 'docs/section-content';

export function schemaFileName(section: SectionName): string {
  return `${section}.schema.json`;
}

/** Every file the SDK's schemas generate, by name, in the catalog's order. */
export function schemaFiles(): { readonly name: string; readonly schema: Record<string, unknown> }[] {
  return SECTIONS.map((section) => ({ name: schemaFileName(section), schema: sectionContentJsonSchema(section) }));
}
