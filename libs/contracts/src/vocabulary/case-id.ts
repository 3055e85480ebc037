import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * A case id, the one definition HTTP paths, the domain and events share.
 * intake makes `case_` and 22 base64url characters (128 random bits): ids
 * appear in events, links and logs, so they must be opaque and unguessable.
 * Accepted: 10 to 40 characters after the prefix, room for a longer id later
 * without a contract version.
 */
export const CASE_ID_PATTERN = /^case_[A-Za-z0-9_-]{10,40}$/;

export const caseId = z.string().regex(CASE_ID_PATTERN, 'expected a case id (case_ and 10 to 40 base64url characters)');

export function newCaseId(): string {
  return `case_${randomBytes(16).toString('base64url')}`;
}
