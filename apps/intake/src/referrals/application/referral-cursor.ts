import { type ReferralListPosition } from '../persistence/referral.repository';
import { invalidReferralCursor } from './referral-errors';

/**
 * A list position as clients send it back: `<createdAt epoch ms>.<referralId>`.
 * Opaque to clients; its shape is published so that every cursor the
 * pattern allows is a position, and anything else is a 400.
 */
export const REFERRAL_CURSOR_PATTERN = /^\d{1,15}\.ref_[A-Za-z0-9_-]{22}$/;

export function encodeReferralCursor(position: ReferralListPosition): string {
  return `${position.createdAt.getTime()}.${position.referralId}`;
}

export function decodeReferralCursor(cursor: string): ReferralListPosition {
  if (!REFERRAL_CURSOR_PATTERN.test(cursor)) throw invalidReferralCursor();
  const dot = cursor.indexOf('.');
  return { createdAt: new Date(Number(cursor.slice(0, dot))), referralId: cursor.slice(dot + 1) };
}
