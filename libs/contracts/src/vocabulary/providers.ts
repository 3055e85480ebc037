import { z } from 'zod';

/**
 * What a provider in the directory offers: a closed vocabulary, because
 * entries are public to every authenticated organization and searched by
 * term. Legal representation is split by country because a Mexican
 * organization's lawyers cannot appear before a U.S. immigration court, nor a
 * U.S. attorney before COMAR.
 * - legal_representation_mx / _us: lawyers who take a case in that country;
 * - legal_orientation: know-your-rights and screening, without representation;
 * - shelter: beds (the shelter-capacity service publishes them);
 * - health, mental_health, hiv_care: care, and continuity of HIV treatment;
 * - psychosocial_support: accompaniment and peer support short of therapy;
 * - interpretation: spoken and sign language interpreting and translation;
 * - case_management: coordination of services for a client;
 * - humanitarian_aid: food, clothing, transport, cash assistance.
 */
export const PROVIDER_SERVICES = [
  'legal_representation_mx',
  'legal_representation_us',
  'legal_orientation',
  'shelter',
  'health',
  'mental_health',
  'hiv_care',
  'psychosocial_support',
  'interpretation',
  'case_management',
  'humanitarian_aid',
] as const;
export const providerService = z.enum(PROVIDER_SERVICES);
export type ProviderService = z.infer<typeof providerService>;

/**
 * Scope of practice of a legal provider, after the procedures of domain.md.
 * Mexico (Ley sobre Refugiados, Ley de Migración, Ley de Amparo):
 * - comar_recognition: the refugee recognition procedure before COMAR;
 * - comar_review: the recurso de revisión against a COMAR denial;
 * - inm_regularization: INM humanitarian visitor cards and regularization;
 * - amparo: amparo suits (detention, access to the procedure).
 * United States (INA):
 * - affirmative_asylum: asylum applications before USCIS;
 * - removal_defense: defensive asylum and other relief in immigration court;
 * - credible_fear: credible and reasonable fear interviews and reviews;
 * - appeals: appeals to the BIA and petitions for review;
 * - humanitarian_parole: parole requests;
 * - survivor_visas: U and T visas, VAWA;
 * - sijs: Special Immigrant Juvenile Status.
 */
export const PRACTICE_SCOPES = [
  'comar_recognition',
  'comar_review',
  'inm_regularization',
  'amparo',
  'affirmative_asylum',
  'removal_defense',
  'credible_fear',
  'appeals',
  'humanitarian_parole',
  'survivor_visas',
  'sijs',
] as const;
export const practiceScope = z.enum(PRACTICE_SCOPES);
export type PracticeScope = z.infer<typeof practiceScope>;

/** The most referrals a provider may say it holds at once: a bound on the counter, not advice. */
export const MAX_REFERRAL_CAPACITY = 500;
