/**
 * A case id anywhere in a text (a path, a message, a list that quotes one).
 * Wider than the contract's CASE_ID_PATTERN (libs/contracts), which is
 * anchored and bounded: `case_` and any run of 10 or more base64url
 * characters, so that an id inside a longer token is caught whole too. The
 * spec checks that every id the contract accepts is caught.
 */
const CASE_ID_ANYWHERE = /case_[A-Za-z0-9_-]{10,}/g;

export const CASE_ID_PLACEHOLDER = '{caseId}';

export function containsCaseId(text: string): boolean {
  return text.search(CASE_ID_ANYWHERE) !== -1;
}

export function withoutCaseIds(text: string): string {
  return text.replace(CASE_ID_ANYWHERE, CASE_ID_PLACEHOLDER);
}
