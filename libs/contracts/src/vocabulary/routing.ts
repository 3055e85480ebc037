import { z } from 'zod';

/**
 * Routing metadata is the only case information the servers see in plaintext
 * (crypto-and-consent.md), so it is a closed vocabulary: nothing free-form can
 * smuggle a name or a story into an event.
 */
export const COUNTRIES = ['MX', 'US'] as const;
export const country = z.enum(COUNTRIES);

/** ISO 3166-2 subdivision of MX or US, e.g. MX-CHP, US-TX. */
export const regionCode = z.string().regex(/^(MX|US)-[A-Z]{2,3}$/, 'expected an ISO 3166-2 code of MX or US');

export const NEEDS = [
  'legal:asylum_mx',
  'legal:asylum_us',
  'legal:appeal',
  'legal:documents',
  'shelter:lgbtqi_safe',
  'shelter:trans_women',
  'shelter:family',
  'shelter:accessible',
  'health:hiv_care',
  'health:mental_health',
  'health:general',
  'protection:relocation',
  'interpretation',
] as const;
export const need = z.enum(NEEDS);

export const URGENCIES = ['routine', 'urgent', 'critical'] as const;
export const urgency = z.enum(URGENCIES);

/** ISO 639-1 language codes. */
export const language = z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code');

export const routing = z.strictObject({
  country,
  regionCode,
  needs: z.array(need).max(NEEDS.length),
  urgency,
  languages: z.array(language).min(1).max(10),
});
export type Routing = z.infer<typeof routing>;
