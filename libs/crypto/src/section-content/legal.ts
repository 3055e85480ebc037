import { z } from 'zod';
import { NAME_MAX, NARRATIVE_MAX, fullDate, line, list, schemaVersion1, text, uniqueList } from './fields';

// Procedures and the numbers and dates they run on (the deadline rules of
// domain.md start from these dates), representation, and the narrative.

/** Mexican (COMAR, INM, courts) and U.S. (USCIS, EOIR) procedures a case may be in. */
export const LEGAL_PROCEDURES = [
  'comar',
  'comar_recurso_revision',
  'inm_tvrh',
  'inm_regularization',
  'amparo',
  'us_affirmative',
  'us_defensive',
  'us_credible_fear',
  'us_withholding',
  'us_cat',
  'us_bia_appeal',
  'us_ead',
  'us_tps',
  'us_parole',
  'us_sijs',
  'us_u_visa',
  'us_t_visa',
  'other',
] as const;

export const PROCEDURE_STATUSES = [
  'not_started',
  'preparing',
  'filed',
  'pending',
  'interview_scheduled',
  'hearing_scheduled',
  'granted',
  'denied',
  'appealed',
  'withdrawn',
  'closed',
] as const;

export const APPOINTMENT_KINDS = [
  'interview',
  'hearing',
  'biometrics',
  'signature',
  'ratification',
  'notification',
  'other',
] as const;

export const REPRESENTATION_STATES = ['represented', 'seeking', 'self_represented'] as const;

/** Notices of appearance: G-28 (USCIS), EOIR-28 (immigration court), EOIR-27 (BIA). */
export const APPEARANCE_FORMS = ['g28', 'eoir28', 'eoir27'] as const;

/** Alien registration number: 7 to 9 digits, with or without the A. */
const aNumber = z.string().regex(/^A?\d{7,9}$/, { error: 'expected an A-number: 7 to 9 digits, optionally after A' });
/** USCIS receipt numbers: three letters (the service centre) and ten digits. */
const uscisReceipt = z.string().regex(/^[A-Z]{3}\d{10}$/, { error: 'expected a USCIS receipt number: AAA0000000000' });
/** CURP: 18 characters (a temporary CURP is issued to asylum applicants). */
const curp = z
  .string()
  .regex(/^[A-Z]{4}\d{6}[A-Z]{6}[A-Z0-9]\d$/, { error: 'expected a CURP: 18 characters, upper case' });

const appointment = z.strictObject({
  kind: z.enum(APPOINTMENT_KINDS),
  date: fullDate,
  place: line().optional(),
  notes: text().optional(),
});

const procedure = z
  .strictObject({
    kind: z.enum(LEGAL_PROCEDURES),
    status: z.enum(PROCEDURE_STATUSES),
    office: line().optional().describe('The COMAR or INM office, asylum office or immigration court.'),
    fileNumber: line(64).optional().describe('The authority’s file or case number (a COMAR expediente).'),
    filedOn: fullDate.optional(),
    notifiedOn: fullDate.optional().describe('When a decision was notified: appeal terms run from it.'),
    decidedOn: fullDate.optional(),
    appointments: list(appointment, 50).optional(),
    notes: text().optional(),
  })
  .refine((p) => !p.filedOn || !p.decidedOn || p.filedOn <= p.decidedOn, {
    error: 'decidedOn is before filedOn',
    path: ['decidedOn'],
  });

export const legalContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    procedures: list(procedure, 20).optional(),
    identifiers: z
      .strictObject({
        aNumber: aNumber.optional(),
        uscisReceipts: uniqueList(uscisReceipt, 20).optional(),
        comarFileNumbers: uniqueList(line(64), 10).optional(),
        curp: curp.optional(),
      })
      .optional(),
    entryToMexico: fullDate.optional().describe('Starts the 30-business-day COMAR filing term (LRPCAP art. 18).'),
    lastArrivalInUs: fullDate.optional().describe('Starts the one-year asylum filing term (INA 208(a)(2)(B)).'),
    representation: z
      .strictObject({
        status: z.enum(REPRESENTATION_STATES),
        organization: line().optional(),
        representative: line(NAME_MAX).optional(),
        appearanceForms: uniqueList(z.enum(APPEARANCE_FORMS), APPEARANCE_FORMS.length).optional(),
        since: fullDate.optional(),
      })
      .optional(),
    narrative: text(NARRATIVE_MAX).optional().describe('The account the claim rests on, as the person gave it.'),
    notes: text().optional(),
  })
  .meta({ title: 'legal', description: 'Procedures, file numbers, dates, representation and the narrative.' });

export type LegalContent = z.infer<typeof legalContent>;
