import { type IntakeClient } from '../http/intake-client';

export function openCase(api: IntakeClient, routing: unknown): Promise<unknown> {
  return api.post(['cases'], { routing });
}

export function eraseCase(api: IntakeClient, caseId: string, legalBasis: string): Promise<unknown> {
  return api.post(['cases', caseId, 'erasure'], { legalBasis });
}

export function erasureOf(api: IntakeClient, caseId: string): Promise<unknown> {
  return api.get(['cases', caseId, 'erasure']);
}
