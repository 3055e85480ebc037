import { z } from 'zod';
import { NOTE_MAX, line, list, schemaVersion1, termsWithSelfDescription, text } from './fields';

// Sexual orientation, gender expression and sex characteristics (gender
// identity itself is in `identity`, where the people who address the person
// need it). A sensitive section: a grant needs the client's express consent.

export const SEXUAL_ORIENTATION_TERMS = [
  'lesbian',
  'gay',
  'bisexual',
  'pansexual',
  'asexual',
  'queer',
  'heterosexual',
  'questioning',
  'prefer_not_to_say',
] as const;

export const GENDER_EXPRESSION_TERMS = ['feminine', 'masculine', 'androgynous', 'fluid', 'prefer_not_to_say'] as const;

export const INTERSEX_ANSWERS = ['yes', 'no', 'unsure', 'prefer_not_to_say'] as const;

/** A marker as a document prints it; X is the non-binary marker some states issue. */
export const LEGAL_GENDER_MARKERS = ['F', 'M', 'X', 'none', 'other'] as const;

/** Who knows: safety planning depends on it (a family that does not know must not be told by a call from us). */
export const DISCLOSURE_STATES = ['knows', 'partially', 'does_not_know', 'unknown'] as const;

const disclosureState = z.enum(DISCLOSURE_STATES);

const legalGenderMarker = z.strictObject({
  document: line().describe('Which document, e.g. "passport (HN)" or "TVRH".'),
  marker: z.enum(LEGAL_GENDER_MARKERS),
  matchesGenderIdentity: z
    .boolean()
    .optional()
    .describe('False when the marker contradicts the person’s gender: a risk at checkpoints and in detention.'),
  notes: text().optional(),
});

export const sogiescContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    sexualOrientation: termsWithSelfDescription(SEXUAL_ORIENTATION_TERMS).optional(),
    genderExpression: termsWithSelfDescription(GENDER_EXPRESSION_TERMS).optional(),
    sexCharacteristics: z
      .strictObject({
        intersex: z.enum(INTERSEX_ANSWERS),
        selfDescription: text().optional(),
      })
      .optional()
      .describe('Only what the person chooses to say; never required.'),
    legalGenderMarkers: list(legalGenderMarker, 10).optional(),
    disclosure: z
      .strictObject({
        family: disclosureState.optional(),
        community: disclosureState.optional(),
        countryOfOriginAuthorities: disclosureState.optional(),
      })
      .optional(),
    notes: text(NOTE_MAX).optional(),
  })
  .meta({
    title: 'sogiesc',
    description: 'Sexual orientation, gender expression and sex characteristics; sensitive (express consent).',
  });

export type SogiescContent = z.infer<typeof sogiescContent>;
