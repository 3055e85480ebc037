import { z } from 'zod';
import { NAME_MAX, fullDate, line, list, schemaVersion1, text } from './fields';

/** Relationships as people live them: chosen family counts, and a partner need not be a spouse. */
export const FAMILY_RELATIONSHIPS = [
  'spouse',
  'partner',
  'child',
  'stepchild',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'aunt_or_uncle',
  'niece_or_nephew',
  'cousin',
  'chosen_family',
  'guardian',
  'ward',
  'other',
] as const;

const member = z.strictObject({
  name: line(NAME_MAX).optional().describe('May be unknown, or withheld.'),
  relationship: z.enum(FAMILY_RELATIONSHIPS),
  relationshipDescription: line().optional().describe('In the person’s words, when the term says too little.'),
  accompanying: z.boolean().describe('Travelling or living with the person now.'),
  whereabouts: line().optional().describe('Where a member who is not accompanying is, as far as known.'),
  dateOfBirth: fullDate.optional(),
  minor: z.boolean().optional(),
  dependent: z.boolean().optional(),
  includedInClaim: z.boolean().optional().describe('A derivative or joint applicant in the person’s procedure.'),
  safeToContact: z.boolean().optional().describe('False when contacting this member could endanger the person.'),
  notes: text().optional(),
});

export const familyContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    members: list(member, 50),
    notes: text().optional(),
  })
  .meta({ title: 'family', description: 'Family and chosen family, accompanying or not.' });

export type FamilyContent = z.infer<typeof familyContent>;
