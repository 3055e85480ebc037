import { z } from 'zod';
import { COUNTRY_CODES } from './countries';

// The building blocks every section schema uses. Every string is bounded and
// every list has a maximum, so a section cannot grow without limit inside
// its ciphertext; free text is allowed only where people need their own words.

/** Names and short labels. */
export const NAME_MAX = 300;
/** Terms, labels, identifiers, places. */
export const LINE_MAX = 200;
/** Self-descriptions and notes. */
export const NOTE_MAX = 4_000;
/** Testimony and legal narratives, which run to pages. */
export const NARRATIVE_MAX = 100_000;

/** No control characters, at least one character that is not a space. */
const ONE_LINE = /^\P{Cc}*[^\p{Cc}\s]\P{Cc}*$/u;
/** Line breaks and tabs allowed, other control characters not; not blank. */
const MULTI_LINE = /^(?=[\s\S]*\S)(?:\P{Cc}|[\t\n\r])*$/u;

/** A single line of text of at most `max` characters. */
export function line(max: number = LINE_MAX) {
  return z.string().min(1).max(max).regex(ONE_LINE, { error: 'expected one line of text, not blank' });
}

/** Free text of at most `max` characters; line breaks allowed. */
export function text(max: number = NOTE_MAX) {
  return z.string().min(1).max(max).regex(MULTI_LINE, { error: 'expected text, not blank' });
}

/** RFC 3339 full-date (YYYY-MM-DD), a real calendar day. */
export const fullDate = z.iso.date({ error: 'expected a full date, YYYY-MM-DD' });

export const countryCode = z.enum(COUNTRY_CODES, { error: 'expected an ISO 3166-1 alpha-2 country code' });

/**
 * ISO 639-1 (as routing metadata writes languages), or ISO 639-3 for the
 * languages 639-1 has no code for: Mam, K'iche', Q'anjob'al and many other
 * languages people on the move speak have only a three-letter code.
 */
export const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, { error: 'expected an ISO 639-1 or ISO 639-3 language code' });

/** A list of at most `max` items. */
export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max);
}

/** A list of at most `max` items, none repeated (a vocabulary's terms, countries). */
export function uniqueList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((values) => new Set(values).size === values.length, { error: 'must not repeat a value' })
    .meta({ uniqueItems: true });
}

/**
 * Closed-vocabulary terms plus the person's own words: the vocabulary makes
 * the common answers comparable, the self-description keeps what it cannot
 * say. At least one of the two; `prefer_not_to_say`, where the vocabulary has
 * it, stands alone.
 */
export function termsWithSelfDescription<const T extends readonly [string, ...string[]]>(
  vocabulary: T,
  descriptionMax: number = NOTE_MAX,
) {
  return z
    .strictObject({
      terms: uniqueList(z.enum(vocabulary), vocabulary.length).optional(),
      selfDescription: text(descriptionMax).optional(),
    })
    .refine((value) => (value.terms?.length ?? 0) > 0 || value.selfDescription !== undefined, {
      error: 'expected terms, a self-description, or both',
    })
    .refine((value) => !value.terms?.includes('prefer_not_to_say') || value.terms.length === 1, {
      error: 'prefer_not_to_say cannot be combined with other terms',
      path: ['terms'],
    });
}

/** Every section's content names the version of its schema, so a reader knows which one to parse it with. */
export const schemaVersion1 = z.literal(1);
