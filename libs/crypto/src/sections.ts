/**
 * The section catalog (design: crypto-and-consent.md). Each section is
 * encrypted under its own data key so that consent can grant one without
 * the others; the catalog is closed so a typo cannot create a section that
 * no consent covers.
 */
export const SECTIONS = ['identity', 'contact', 'sogiesc', 'protection', 'health', 'legal', 'family', 'needs'] as const;

export type SectionName = (typeof SECTIONS)[number];

const SECTION_SET: ReadonlySet<string> = new Set(SECTIONS);

export function isSectionName(value: unknown): value is SectionName {
  return typeof value === 'string' && SECTION_SET.has(value);
}
