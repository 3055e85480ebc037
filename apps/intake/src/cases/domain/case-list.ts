import { type CaseStatus, type Country, type NeedCategory, type RegionCode, type Urgency } from '@app/contracts';

/** Half-open ranges: `from` included, `before` excluded, so consecutive ranges never count a case twice. */
export interface TimeRange {
  from?: Date;
  before?: Date;
}

/** What an organization can filter its cases by: routing metadata, status and dates. Every field narrows. */
export interface CaseListFilter {
  status?: CaseStatus;
  country?: Country;
  regionCode?: RegionCode;
  /** Cases routed for this category (among others). */
  needCategory?: NeedCategory;
  urgency?: Urgency;
  /** Cases whose client speaks this language (among others). */
  language?: string;
  opened?: TimeRange;
  updated?: TimeRange;
  closed?: TimeRange;
}

/**
 * Where a page ended, in the list's order (newest opened first, then by id
 * descending): the next page starts after it. A position, not an offset, so
 * cases opened while a client pages never shift the pages it has not read.
 */
export interface CaseListPosition {
  openedAt: Date;
  caseId: string;
}

export interface CasePage<T> {
  items: T[];
  /** Absent on the last page. */
  next?: CaseListPosition;
}

export const CASE_PAGE_DEFAULT_LIMIT = 25;
export const CASE_PAGE_MAX_LIMIT = 100;
