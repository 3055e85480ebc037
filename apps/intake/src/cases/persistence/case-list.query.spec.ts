import { caseListQuery } from './case-list.query';

describe('case list query', () => {
  it('is empty without filters or position: the scope alone', () => {
    expect(caseListQuery({})).toEqual({});
  });

  it('matches array routing fields by containment and dates as half-open ranges', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const before = new Date('2026-02-01T00:00:00Z');
    expect(
      caseListQuery({
        status: 'closed',
        country: 'MX',
        regionCode: 'MX-CHP',
        needCategory: 'shelter',
        urgency: 'urgent',
        language: 'es',
        opened: { from },
        updated: { before },
        closed: { from, before },
      }),
    ).toEqual({
      status: 'closed',
      'routing.country': 'MX',
      'routing.regionCode': 'MX-CHP',
      'routing.needCategories': 'shelter',
      'routing.urgency': 'urgent',
      'routing.languages': 'es',
      openedAt: { $gte: from },
      updatedAt: { $lt: before },
      'closure.closedAt': { $gte: from, $lt: before },
    });
  });

  it('continues after a position in (openedAt, id) descending order', () => {
    const openedAt = new Date('2026-01-05T00:00:00Z');
    expect(caseListQuery({}, { openedAt, caseId: 'case_x1234567890' })).toEqual({
      $or: [{ openedAt: { $lt: openedAt } }, { openedAt, _id: { $lt: 'case_x1234567890' } }],
    });
  });
});
