import { randomBytes } from 'node:crypto';

/** Opaque, unguessable case ids: they appear in events, links and logs. */
export function newCaseId(): string {
  return `case_${randomBytes(16).toString('base64url')}`;
}
