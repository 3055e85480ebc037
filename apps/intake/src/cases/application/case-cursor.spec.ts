import { DomainError } from '@app/errors';
import { CASE_CURSOR_PATTERN, decodeCaseCursor, encodeCaseCursor } from './case-cursor';

const position = { openedAt: new Date('2026-03-04T05:06:07.089Z'), caseId: 'case_AbCdEfGhIjKlMnOpQrStUv' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('case list cursor', () => {
  it('decodes to the position it was made from, to the millisecond, and matches its published pattern', () => {
    const cursor = encodeCaseCursor(position);
    expect(cursor).toMatch(CASE_CURSOR_PATTERN);
    expect(decodeCaseCursor(cursor)).toEqual(position);
  });

  it('decodes every cursor its pattern allows to a position (the largest time is still a Date)', () => {
    const latest = decodeCaseCursor('999999999999999.case_AbCdEfGhIjKlMnOpQrStUv');
    expect(Number.isNaN(latest.openedAt.getTime())).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['without an id', '1772600767089.'],
    ['without a time', '.case_AbCdEfGhIjKlMnOpQrStUv'],
    ['a time that is no integer', '12e5.case_AbCdEfGhIjKlMnOpQrStUv'],
    ['a time of 16 digits', '1000000000000000.case_AbCdEfGhIjKlMnOpQrStUv'],
    ['an id that is no case id', '1772600767089.org_x'],
    ['a query operator', '1772600767089.{"$gt":""}'],
    ['followed by a line break', '1772600767089.case_AbCdEfGhIjKlMnOpQrStUv\n'],
  ])('refuses a cursor that is %s', (_, cursor) => {
    expect(codeOf(() => decodeCaseCursor(cursor))).toBe('CASE.INVALID_CURSOR');
  });
});
