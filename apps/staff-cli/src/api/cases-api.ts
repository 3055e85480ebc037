import { type IntakeClient } from '../http/intake-client';

export function openCase(api: IntakeClient, routing: unknown): Promise<unknown> {
  return api.post(['cases'], { routing });
}
