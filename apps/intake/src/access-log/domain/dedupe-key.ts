import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/crypto';
import { type HandOut } from './hand-out';

/**
 * The start of the dedupe window `at` falls in: windows are fixed buckets
 * of `windowMs` from the epoch, so every instance of intake agrees on them
 * without talking to the others.
 */
export function windowStart(at: Date, windowMs: number): Date {
  return new Date(Math.floor(at.getTime() / windowMs) * windowMs);
}

/**
 * Identical hand-outs in one window share this key: SHA-256 of the case,
 * the reader (subject and organization), purpose, section, key version and
 * the window's start. A unique index on it lets only one of them append, so
 * a reader in a loop, or many at once, adds one entry per window. A digest,
 * not the fields: the key must not be one more place the subject is
 * spelled out (the entry stores it already, for the owner). The role is not
 * in it: the same person reading the same thing is the same hand-out.
 */
export function dedupeKeyOf(handOut: HandOut, window: Date): string {
  const { caseId, actorSub, actorOrg, purpose, section, keyVersion } = handOut;
  const fields = { caseId, actorSub, actorOrg, purpose, section, keyVersion, window: window.toISOString() };
  return createHash('sha256').update(canonicalJson(fields)).digest('base64url');
}
