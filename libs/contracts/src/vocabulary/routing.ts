import { z } from 'zod';
import { regionCode } from './regions';

/**
 * Routing metadata is the only case information the servers see in plaintext
 * (crypto-and-consent.md), so it is a closed vocabulary of coarse terms:
 * nothing free-form can smuggle a name or a story into it, and nothing in it
 * names a diagnosis, a gender identity or a sexual orientation. Which kind of
 * shelter or care a person needs (HIV care, a trans-women-only shelter, an
 * LGBTQI+-safe one) is case content: it lives in the encrypted `needs`
 * section, and for a referral in the teaser sealed to the chosen partner.
 */
export const COUNTRIES = ['MX', 'US'] as const;
export const country = z.enum(COUNTRIES);
export type Country = z.infer<typeof country>;

export { regionCode } from './regions';

/** The kinds of help a case is routed for; deliberately no finer. */
export const NEED_CATEGORIES = ['legal', 'shelter', 'health', 'protection', 'interpretation'] as const;
export const needCategory = z.enum(NEED_CATEGORIES);
export type NeedCategory = z.infer<typeof needCategory>;

export const URGENCIES = ['routine', 'urgent', 'critical'] as const;
export const urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgency>;

/** ISO 639-1 language codes. */
export const language = z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code');

export const routing = z.strictObject({
  country,
  regionCode,
  needCategories: z
    .array(needCategory)
    .max(NEED_CATEGORIES.length)
    .refine((values) => new Set(values).size === values.length, 'needCategories must not repeat'),
  urgency,
  languages: z.array(language).min(1).max(10),
});
export type Routing = z.infer<typeof routing>;
