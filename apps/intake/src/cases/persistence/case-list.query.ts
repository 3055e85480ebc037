import { type CaseListFilter, type CaseListPosition, type TimeRange } from '../domain/case-list';

/**
 * The query condition of a list filter and page position; the caller adds
 * the scope. Array fields match when they contain the term (`needCategories`,
 * `languages`), so a case routed for legal help and shelter is found by either.
 */
export function caseListQuery(filter: CaseListFilter, after?: CaseListPosition): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.country) query['routing.country'] = filter.country;
  if (filter.regionCode) query['routing.regionCode'] = filter.regionCode;
  if (filter.needCategory) query['routing.needCategories'] = filter.needCategory;
  if (filter.urgency) query['routing.urgency'] = filter.urgency;
  if (filter.language) query['routing.languages'] = filter.language;
  addRange(query, 'openedAt', filter.opened);
  addRange(query, 'updatedAt', filter.updated);
  addRange(query, 'closure.closedAt', filter.closed);
  // After the position in (openedAt desc, _id desc) order.
  if (after)
    query.$or = [{ openedAt: { $lt: after.openedAt } }, { openedAt: after.openedAt, _id: { $lt: after.caseId } }];
  return query;
}

function addRange(query: Record<string, unknown>, field: string, range: TimeRange | undefined): void {
  if (!range || (range.from === undefined && range.before === undefined)) return;
  query[field] = {
    ...(range.from === undefined ? {} : { $gte: range.from }),
    ...(range.before === undefined ? {} : { $lt: range.before }),
  };
}
