import { z } from 'zod';

/**
 * The closed vocabulary consent speaks in. Sections mirror the SDK's catalog
 * (libs/crypto/src/sections.ts); purposes are what a grant allows a section to
 * be used for, and every read names one.
 */
export const CASE_SECTIONS = [
  'identity',
  'contact',
  'sogiesc',
  'protection',
  'health',
  'legal',
  'family',
  'needs',
] as const;
export const caseSection = z.enum(CASE_SECTIONS);

/** Sections whose grant requires the client's express consent (domain.md). */
export const SENSITIVE_SECTIONS: readonly (typeof CASE_SECTIONS)[number][] = ['sogiesc', 'health', 'protection'];

export const PURPOSES = [
  'legal_representation',
  'shelter_placement',
  'health_referral',
  'protection_assessment',
  'case_coordination',
] as const;
export const purpose = z.enum(PURPOSES);

export type CaseSection = z.infer<typeof caseSection>;
export type Purpose = z.infer<typeof purpose>;
