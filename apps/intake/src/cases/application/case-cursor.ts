import { type CaseListPosition } from '../domain/case-list';
import { invalidCaseCursor } from './case-errors';

/**
 * A page position as the `cursor` clients send back:
 * `<openedAt epoch ms>.<caseId>`. Clients treat it as opaque (the order may
 * gain fields); its shape is published as a pattern so that every cursor the
 * pattern allows is a position (a case id past the last one is an empty
 * page), and anything else is a 400, never a query on whatever it holds.
 */
export const CASE_CURSOR_PATTERN = /^\d{1,15}\.case_[A-Za-z0-9_-]{10,40}$/;

export function encodeCaseCursor(position: CaseListPosition): string {
  return `${position.openedAt.getTime()}.${position.caseId}`;
}

export function decodeCaseCursor(cursor: string): CaseListPosition {
  if (!CASE_CURSOR_PATTERN.test(cursor)) throw invalidCaseCursor();
  const dot = cursor.indexOf('.');
  // At most 15 digits: always a valid Date (the last one is 8.64e15 ms).
  return { openedAt: new Date(Number(cursor.slice(0, dot))), caseId: cursor.slice(dot + 1) };
}
