import { z } from 'zod';
import { languageCode, line, list, schemaVersion1, text, uniqueList } from './fields';
import { NEED_CATEGORIES, URGENCIES } from './routing-vocabulary';

// What the person needs, finer than routing metadata can say: routing names
// only a coarse category (the servers see it), the details (HIV care, a
// trans women's shelter) live here, encrypted.

/** Shelter attributes and bed categories of the shelter directory (domain.md, "Shelters"). */
export const SHELTER_REQUIREMENTS = [
  'lgbtqi_affirming',
  'trans_women_only',
  'accepts_families',
  'accepts_minors',
  'wheelchair_accessible',
  'hiv_care_onsite',
] as const;

const need = z.strictObject({
  category: z.enum(NEED_CATEGORIES),
  urgency: z.enum(URGENCIES),
  description: text(2_000).optional().describe('The need in detail; it never leaves the encrypted section.'),
});

export const needsContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    needs: list(need, 20).describe('Each category at most once.'),
    shelterRequirements: uniqueList(z.enum(SHELTER_REQUIREMENTS), SHELTER_REQUIREMENTS.length).optional(),
    interpretation: z
      .strictObject({
        languages: uniqueList(languageCode, 5).min(1).describe('ISO 639-1, or ISO 639-3 where 639-1 has none.'),
        notes: line().optional().describe('A variant or dialect the code does not name.'),
      })
      .optional(),
    notes: text().optional(),
  })
  .refine((n) => new Set(n.needs.map((x) => x.category)).size === n.needs.length, {
    error: 'a category is listed twice',
    path: ['needs'],
  })
  .meta({ title: 'needs', description: 'What the person needs, by category and urgency.' });

export type NeedsContent = z.infer<typeof needsContent>;
