import { z } from 'zod';
import {
  LINE_MAX,
  NAME_MAX,
  countryCode,
  fullDate,
  line,
  list,
  schemaVersion1,
  termsWithSelfDescription,
  text,
  uniqueList,
} from './fields';

/**
 * Gender identity terms: more than a binary, and terms people in the region
 * use of themselves (muxe in Oaxaca's Zapotec communities, travesti across
 * Latin America, two-spirit among Indigenous peoples of North America). The
 * list can never be complete, so `selfDescription` is always available.
 */
export const GENDER_IDENTITY_TERMS = [
  'woman',
  'man',
  'trans_woman',
  'trans_man',
  'trans',
  'non_binary',
  'genderqueer',
  'genderfluid',
  'agender',
  'two_spirit',
  'muxe',
  'travesti',
  'questioning',
  'prefer_not_to_say',
] as const;

/**
 * Common pronouns in English and Spanish (elle: the Spanish neutral pronoun);
 * anything else goes in selfDescription.
 */
export const PRONOUN_TERMS = [
  'she_her',
  'he_him',
  'they_them',
  'ella',
  'el',
  'elle',
  'any_pronouns',
  'name_only',
  'prefer_not_to_say',
] as const;

export const IDENTITY_DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'birth_certificate',
  'consular_id',
  'visa',
  'tvrh',
  'curp',
  'comar_constancia',
  'i94',
  'ead',
  'other',
] as const;

/**
 * The legal name as the documents write it, whole: many people have no
 * given/family split, or one the other way round, or two family names; the
 * parts are optional and never required to add up to the whole.
 */
const legalName = z
  .strictObject({
    full: line(NAME_MAX).describe('The whole legal name as written on documents.'),
    given: line(NAME_MAX).optional().describe('The given name(s), where the person has such a part.'),
    family: line(NAME_MAX).optional().describe('The family name(s), where the person has such a part.'),
  })
  .describe('The name procedures require; shown only where one needs it.');

const nationality = z
  .strictObject({
    countries: uniqueList(countryCode, 5).describe('Every nationality the person holds (ISO 3166-1 alpha-2).'),
    stateless: z.boolean().optional().describe('True for a stateless person (then `countries` is empty).'),
  })
  .refine((value) => !(value.stateless === true && value.countries.length > 0), {
    error: 'a stateless person has no nationality to list',
    path: ['countries'],
  });

const identityDocument = z
  .strictObject({
    type: z.enum(IDENTITY_DOCUMENT_TYPES),
    number: line(64).optional(),
    issuingCountry: countryCode.optional(),
    issuedOn: fullDate.optional(),
    expiresOn: fullDate.optional(),
    nameOnDocument: line(NAME_MAX)
      .optional()
      .describe('When the document shows a name other than the legal name above (an older name, a spelling).'),
    notes: text().optional(),
  })
  .refine((d) => d.issuedOn === undefined || d.expiresOn === undefined || d.issuedOn <= d.expiresOn, {
    error: 'expiresOn is before issuedOn',
    path: ['expiresOn'],
  });

export const identityContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    legalName,
    chosenName: line(NAME_MAX)
      .optional()
      .describe('The name the person uses. When present, every reader shows it first and addresses them by it.'),
    pronouns: termsWithSelfDescription(PRONOUN_TERMS, LINE_MAX).optional(),
    genderIdentity: termsWithSelfDescription(GENDER_IDENTITY_TERMS)
      .optional()
      .describe('Terms from the vocabulary, the person’s own words, or both.'),
    dateOfBirth: fullDate.optional(),
    dateOfBirthEstimated: z
      .boolean()
      .optional()
      .describe('True when the date of birth is an estimate (no document, or a document that gives only a year).'),
    nationality: nationality.optional(),
    documents: list(identityDocument, 20).optional(),
  })
  .meta({ title: 'identity', description: 'Who the person is: names, pronouns, gender identity, documents.' });

export type IdentityContent = z.infer<typeof identityContent>;
export type GenderIdentityTerm = (typeof GENDER_IDENTITY_TERMS)[number];
export type PronounTerm = (typeof PRONOUN_TERMS)[number];
