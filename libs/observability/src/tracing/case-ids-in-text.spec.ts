import { CASE_ID_PATTERN, newCaseId } from '@app/contracts';
import { containsCaseId, withoutCaseIds } from './case-ids-in-text';

describe('case ids in text', () => {
  const ids = [
    ...Array.from({ length: 50 }, () => newCaseId()),
    'case_abcdefghij',
    `case_${'x'.repeat(40)}`,
    'case_A-b_C-d_E-f',
  ];

  it('catches every id the contract accepts, bare or inside a path, a query or a message', () => {
    for (const id of ids) {
      expect(id).toMatch(CASE_ID_PATTERN);
      for (const text of [id, `/cases/${id}/sections/legal`, `?caseId=${id}&x=1`, `no such case: "${id}".`])
        expect(containsCaseId(text)).toBe(true);
    }
  });

  it('replaces each id whole, however long the token', () => {
    expect(withoutCaseIds(`/cases/${ids[0]}/sections/${ids[1]}`)).toBe('/cases/{caseId}/sections/{caseId}');
    expect(withoutCaseIds(`case_${'y'.repeat(60)}!`)).toBe('{caseId}!');
  });

  it('leaves route templates, topics and other ids alone', () => {
    for (const text of ['GET /cases/:caseId/sections/:section', 'intake.case.opened.v1 send', 'org_a_1', 'case_short'])
      expect(containsCaseId(text)).toBe(false);
  });
});
