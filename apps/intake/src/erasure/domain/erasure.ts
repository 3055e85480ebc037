import {
  CaseErasedV1,
  type CasePurgedV1,
  type EnvelopeOf,
  type EventData,
  PURGING_SERVICES,
  type PurgingService,
} from '@app/contracts';
import { DomainError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';

export type LegalBasis = EventData<typeof CaseErasedV1>['legalBasis'];

/** Taken from the erased event's contract, so the API cannot accept a basis the event would refuse. */
export const LEGAL_BASES: readonly LegalBasis[] = CaseErasedV1.data.shape.legalBasis.options;

// The purging services are the confirmation contract's producers (libs/contracts), one list for both.
export { PURGING_SERVICES, type PurgingService };

/**
 * The service a purge confirmation may be recorded for, or undefined when it
 * must not count: only a service expected to purge can confirm, and only for
 * itself (the envelope's producer, which the broker ties to the sender's
 * credentials, must be the service named in the payload). Otherwise one
 * purging service could mark another's purge done and complete an erasure
 * that has not happened.
 */
export function confirmingService(event: EnvelopeOf<typeof CasePurgedV1>): PurgingService | undefined {
  const { service } = event.data;
  if (event.producer !== service) return undefined;
  return PURGING_SERVICES.find((expected) => expected === service);
}

/** What is left of an erased case: who erased it, when, on what basis, and who has purged their copies since. */
export interface Tombstone {
  caseId: string;
  legalBasis: LegalBasis;
  erasedAt: Date;
  erasedBySub: string;
  /** Service name → when it purged its copy, as that service reported. */
  confirmations: Record<string, Date>;
}

/** Erasure is complete once every service that held case data has confirmed its purge. */
export function isComplete(tombstone: Pick<Tombstone, 'confirmations'>): boolean {
  return PURGING_SERVICES.every((service) => tombstone.confirmations[service] !== undefined);
}

export class CaseAlreadyErasedError extends DomainError {
  constructor() {
    super(INTAKE_ERRORS.code('CASE.ALREADY_ERASED'), 'case is already erased');
  }
}
