import { type Country, type PracticeScope, type ProviderService, type RegionCode } from '@app/contracts';

/** What an organization's admins publish about it. Everything here is public to every authenticated caller. */
export interface ProviderProfile {
  readonly displayName: string;
  readonly services: readonly ProviderService[];
  readonly practiceScopes: readonly PracticeScope[];
  /** ISO 639-1 codes the organization works in. */
  readonly languages: readonly string[];
  /** ISO 3166-2 subdivisions it serves in person. */
  readonly regionsServed: readonly RegionCode[];
  /** Countries it serves in full (remote representation, a federal court's whole reach). */
  readonly nationwide: readonly Country[];
  readonly acceptingReferrals: boolean;
  /** How many accepted referrals it carries at once. */
  readonly referralCapacity: number;
}

/** A published entry, with the count intake keeps of the referrals it holds. */
export interface ProviderEntry extends ProviderProfile {
  readonly orgId: string;
  readonly version: number;
  readonly updatedAt: Date;
  /** Accepted referrals not yet completed or withdrawn: what counts against the capacity. */
  readonly openReferrals: number;
}

/**
 * Referrals it can still accept now. Zero when it takes none; never negative,
 * though a capacity lowered below what it holds leaves the counter below zero
 * until enough referrals end.
 */
export function openCapacity(entry: ProviderEntry): number {
  if (!entry.acceptingReferrals) return 0;
  return Math.max(0, entry.referralCapacity - entry.openReferrals);
}

/** Whether the entry serves a region: in person there, or in the whole of its country. */
export function servesRegion(entry: ProviderProfile, region: RegionCode): 'in_region' | 'nationwide' | undefined {
  if (entry.regionsServed.includes(region)) return 'in_region';
  return entry.nationwide.some((country) => region.startsWith(`${country}-`)) ? 'nationwide' : undefined;
}
