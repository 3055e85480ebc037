import { z } from 'zod';

/** A case is open until its organization closes it; closed cases can be reopened. */
export const CASE_STATUSES = ['open', 'closed'] as const;
export const caseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatus>;

/**
 * Why a case was closed: a closed vocabulary, because the reason is stored in
 * plaintext and travels in `intake.case.closed.v1`. No term says anything
 * about the person (no health, no death, no detention, no deportation): a
 * reason like that is case content, and belongs in an encrypted section.
 * - services_completed: the organization did what the case was opened for;
 * - referred_elsewhere: another organization took the case over;
 * - client_declined_services: the client chose not to go on;
 * - lost_contact: the client can no longer be reached;
 * - client_relocated: the client moved out of the organization's reach;
 * - duplicate: the same client's case is open elsewhere in the organization;
 * - opened_in_error: the case should never have been opened;
 * - other: none of these (say why in the case's encrypted notes).
 */
export const CASE_CLOSING_REASONS = [
  'services_completed',
  'referred_elsewhere',
  'client_declined_services',
  'lost_contact',
  'client_relocated',
  'duplicate',
  'opened_in_error',
  'other',
] as const;
export const caseClosingReason = z.enum(CASE_CLOSING_REASONS);
export type CaseClosingReason = z.infer<typeof caseClosingReason>;
