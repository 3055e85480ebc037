import { z } from 'zod';
import { fullDate, line, list, schemaVersion1, text, uniqueList } from './fields';

// What care must continue and what access a person needs. A sensitive
// section: a grant needs the client's express consent. Names of conditions
// and medicines are free text: people and clinics name them in many ways.

export const HIV_STATUSES = ['living_with_hiv', 'negative', 'unknown', 'prefer_not_to_say'] as const;

export const MENTAL_HEALTH_CONCERNS = [
  'anxiety',
  'depression',
  'post_traumatic_stress',
  'suicidal_ideation',
  'substance_use',
  'sleep',
  'other',
] as const;

export const ACCESSIBILITY_NEEDS = [
  'wheelchair',
  'mobility',
  'visual',
  'hearing',
  'sign_language',
  'cognitive',
  'communication',
  'other',
] as const;

const supplyUntil = fullDate.optional().describe('The day the person’s supply runs out: when care must resume.');

const condition = z.strictObject({
  name: line(),
  since: fullDate.optional(),
  notes: text().optional(),
});

const medication = z.strictObject({
  name: line(),
  dose: line(100).optional(),
  schedule: line().optional(),
  supplyUntil,
  notes: text().optional(),
});

const hivCare = z
  .strictObject({
    status: z.enum(HIV_STATUSES),
    onTreatment: z.boolean().optional(),
    regimen: line().optional(),
    supplyUntil,
    lastViralLoad: z.strictObject({ date: fullDate.optional(), suppressed: z.boolean().optional() }).optional(),
    onPrep: z.boolean().optional().describe('Pre-exposure prophylaxis, for someone not living with HIV.'),
    careProvider: line().optional(),
    notes: text().optional(),
  })
  .refine((h) => h.status === 'living_with_hiv' || (h.onTreatment === undefined && h.regimen === undefined), {
    error: 'treatment applies only to a person living with HIV',
    path: ['onTreatment'],
  })
  .describe('Continuity of HIV care: an interruption in transit is a medical emergency.');

export const healthContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    conditions: list(condition, 50).optional(),
    medications: list(medication, 50).optional(),
    allergies: list(line(), 30).optional(),
    hivCare: hivCare.optional(),
    genderAffirmingCare: z
      .strictObject({
        onHormoneTherapy: z.boolean(),
        supplyUntil,
        notes: text().optional(),
      })
      .optional(),
    mentalHealth: z
      .strictObject({
        concerns: uniqueList(z.enum(MENTAL_HEALTH_CONCERNS), MENTAL_HEALTH_CONCERNS.length).optional(),
        inCare: z.boolean().optional(),
        crisisPlan: text().optional(),
        notes: text().optional(),
      })
      .optional(),
    accessibility: z
      .strictObject({
        needs: uniqueList(z.enum(ACCESSIBILITY_NEEDS), ACCESSIBILITY_NEEDS.length),
        notes: text().optional(),
      })
      .optional(),
    pregnancy: z.strictObject({ pregnant: z.boolean(), dueDate: fullDate.optional() }).optional(),
    notes: text().optional(),
  })
  .meta({ title: 'health', description: 'Care to continue and access needs; sensitive (express consent).' });

export type HealthContent = z.infer<typeof healthContent>;
