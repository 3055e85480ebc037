import { type SectionName } from '../sections';

// The closed vocabulary a consent record speaks in (domain.md, "Consent
// record"). Closed lists, so that a record carries no free text in which a
// name or a story could travel: the servers store consent records in
// plaintext.

/** What a grant allows a section to be used for; every read names one. */
export const PURPOSES = [
  'legal_representation',
  'shelter_placement',
  'health_referral',
  'protection_assessment',
  'case_coordination',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CONSENT_ACTIONS = ['access', 'disclose'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Whether the purpose is needed for the service or one the client may refuse without losing it. */
export const PURPOSE_BASES = ['necessary', 'voluntary'] as const;
export type PurposeBasis = (typeof PURPOSE_BASES)[number];

export const CONSENT_GIVERS = ['self', 'guardian', 'other'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const COLLECTION_METHODS = ['written', 'verbal_with_witness', 'app'] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

export const JURISDICTIONS = ['MX', 'US'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const WITHHOLD_REASONS = ['safety_risk', 'client_request', 'legal_restriction'] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

/** Sections a grant may cover only with the client's express consent (Mexican law: sensitive data). */
export const SENSITIVE_SECTIONS: readonly SectionName[] = ['sogiesc', 'health', 'protection'];

export const CONSENT_RECORD_TYPE = 'consent-record' as const;
