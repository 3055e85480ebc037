import { v7 } from 'uuid';

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Event ids sort
 * by creation time, which keeps indexes on them append-mostly. `now` sets the
 * timestamp (an event's id carries the time it occurred).
 */
export function uuidv7(now: number = Date.now()): string {
  return v7({ msecs: now });
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
