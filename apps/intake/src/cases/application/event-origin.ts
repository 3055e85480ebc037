import { type EventOrigin } from '@app/messaging';

export const INTAKE = 'intake';

export function originOf(correlationId: string): EventOrigin {
  return { producer: INTAKE, correlationId, causationId: null };
}
