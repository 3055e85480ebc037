import { type PracticeScope, type ProviderService, type RegionCode } from '@app/contracts';

/** A directory search: each term narrows; none given lists every entry. */
export interface ProviderSearch {
  readonly service?: ProviderService;
  readonly scope?: PracticeScope;
  readonly region?: RegionCode;
  readonly language?: string;
  /** Only entries that could accept a referral now. */
  readonly withOpenCapacity?: boolean;
}

export const PROVIDER_PAGE_DEFAULT_LIMIT = 20;
export const PROVIDER_PAGE_MAX_LIMIT = 50;
/** How many matching entries a search ranks: a directory of organizations, not of people, stays well below it. */
export const PROVIDER_SEARCH_RANKED_MAX = 2_000;
