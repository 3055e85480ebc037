import { z } from 'zod';
import { NARRATIVE_MAX, fullDate, line, list, schemaVersion1, text, uniqueList } from './fields';

// Risks, persecution and violence. A sensitive section: a grant needs the
// client's express consent. The facts are free text in the person's account;
// the vocabularies only make them findable and comparable.

/**
 * The 1951 Convention grounds, and gender, which Mexico's LRPCAP art. 13-I
 * names as its own ground (elsewhere it is argued as a particular social
 * group; persecution for sexual orientation or gender identity is argued as
 * either).
 */
export const PERSECUTION_GROUNDS = [
  'race',
  'religion',
  'nationality',
  'political_opinion',
  'particular_social_group',
  'gender',
] as const;

/** The Cartagena circumstances of LRPCAP art. 13-II. */
export const CARTAGENA_CIRCUMSTANCES = [
  'generalized_violence',
  'foreign_aggression',
  'internal_conflict',
  'massive_human_rights_violations',
  'serious_public_order_disturbance',
] as const;

export const PERSECUTOR_KINDS = [
  'state_authorities',
  'police',
  'military',
  'criminal_organization',
  'gang',
  'family',
  'partner',
  'community',
  'religious_group',
  'armed_group',
  'other',
] as const;

export const RISK_KINDS = [
  'trafficking',
  'sexual_violence',
  'intimate_partner_violence',
  'family_violence',
  'hate_violence',
  'forced_recruitment',
  'extortion',
  'kidnapping',
  'disappearance',
  'detention',
  'refoulement',
  'labour_exploitation',
  'self_harm',
  'other',
] as const;

export const RISK_LEVELS = ['low', 'medium', 'high', 'imminent'] as const;

export const RISK_PLACES = ['country_of_origin', 'transit', 'current_location', 'destination'] as const;

const risk = z.strictObject({
  kind: z.enum(RISK_KINDS),
  level: z.enum(RISK_LEVELS),
  where: z.enum(RISK_PLACES).optional(),
  assessedOn: fullDate.optional(),
  notes: text().optional(),
});

const incident = z.strictObject({
  date: fullDate.optional().describe('When known; otherwise describe the time in `when`.'),
  when: line().optional().describe('A time as the person remembers it ("before the rainy season, 2023").'),
  place: line().optional(),
  description: text(NARRATIVE_MAX).describe('What happened, in the person’s account.'),
  reportedTo: line().optional().describe('Whom it was reported to, if anyone.'),
});

export const protectionContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    persecutionGrounds: uniqueList(z.enum(PERSECUTION_GROUNDS), PERSECUTION_GROUNDS.length).optional(),
    cartagenaCircumstances: uniqueList(z.enum(CARTAGENA_CIRCUMSTANCES), CARTAGENA_CIRCUMSTANCES.length).optional(),
    persecutors: uniqueList(z.enum(PERSECUTOR_KINDS), PERSECUTOR_KINDS.length).optional(),
    risks: list(risk, 30).optional(),
    incidents: list(incident, 100).optional(),
    safetyPlan: text().optional(),
    notes: text().optional(),
  })
  .meta({ title: 'protection', description: 'Risks, persecution and violence; sensitive (express consent).' });

export type ProtectionContent = z.infer<typeof protectionContent>;
