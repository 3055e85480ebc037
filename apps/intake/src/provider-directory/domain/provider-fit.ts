import { type RegionCode } from '@app/contracts';
import { openCapacity, type ProviderEntry, servesRegion } from './provider-entry';

/**
 * How well an entry fits a search, as the tuple the directory sorts by,
 * best first: it can accept a referral now; it serves the searched region in
 * person (over nationwide); it has more open capacity; it was updated more
 * recently (fresher information); then its id, so the order is total and a
 * page position names one place in it.
 */
export interface Fit {
  readonly canAccept: boolean;
  readonly inRegion: boolean;
  readonly openCapacity: number;
  readonly updatedAt: number;
  readonly orgId: string;
}

export function fitOf(entry: ProviderEntry, region?: RegionCode): Fit {
  const capacity = openCapacity(entry);
  return {
    canAccept: capacity > 0,
    inRegion: region === undefined || servesRegion(entry, region) === 'in_region',
    openCapacity: capacity,
    updatedAt: entry.updatedAt.getTime(),
    orgId: entry.orgId,
  };
}

/** Negative when `a` fits better than `b`. */
export function compareFit(a: Fit, b: Fit): number {
  return (
    Number(b.canAccept) - Number(a.canAccept) ||
    Number(b.inRegion) - Number(a.inRegion) ||
    b.openCapacity - a.openCapacity ||
    b.updatedAt - a.updatedAt ||
    (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0)
  );
}
