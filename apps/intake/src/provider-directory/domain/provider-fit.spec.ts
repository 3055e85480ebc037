import { compareFit, fitOf } from './provider-fit';
import { openCapacity, type ProviderEntry, servesRegion } from './provider-entry';

const entry = (orgId: string, overrides: Partial<ProviderEntry> = {}): ProviderEntry => ({
  orgId,
  displayName: orgId,
  services: ['legal_representation_us'],
  practiceScopes: ['affirmative_asylum'],
  languages: ['en', 'es'],
  regionsServed: ['US-CA'],
  nationwide: [],
  acceptingReferrals: true,
  referralCapacity: 5,
  openReferrals: 0,
  version: 1,
  updatedAt: new Date('2026-03-01T00:00:00Z'),
  ...overrides,
});

const ranked = (entries: ProviderEntry[], region?: Parameters<typeof fitOf>[1]): string[] =>
  entries
    .map((candidate) => fitOf(candidate, region))
    .sort(compareFit)
    .map((fit) => fit.orgId);

describe('provider fit', () => {
  it('puts who can accept now before who cannot, whatever else they have', () => {
    const full = entry('org_full', { openReferrals: 5, regionsServed: ['US-TX'] });
    const closed = entry('org_closed', { acceptingReferrals: false, regionsServed: ['US-TX'] });
    const open = entry('org_open', { regionsServed: [], nationwide: ['US'] });
    expect(ranked([full, closed, open], 'US-TX')).toEqual(['org_open', 'org_closed', 'org_full']);
  });

  it('puts a provider in the region before a nationwide one, then the one with more room', () => {
    const nationwide = entry('org_a', { regionsServed: [], nationwide: ['US'], referralCapacity: 50 });
    const local = entry('org_b', { regionsServed: ['US-TX'], referralCapacity: 2 });
    const roomier = entry('org_c', { regionsServed: ['US-TX'], referralCapacity: 3 });
    expect(ranked([nationwide, local, roomier], 'US-TX')).toEqual(['org_c', 'org_b', 'org_a']);
  });

  it('breaks ties by freshness and then by id, so the order is total', () => {
    const older = entry('org_a', { updatedAt: new Date('2026-01-01T00:00:00Z') });
    const newer = entry('org_b', { updatedAt: new Date('2026-02-01T00:00:00Z') });
    const twin = entry('org_c', { updatedAt: new Date('2026-02-01T00:00:00Z') });
    expect(ranked([twin, older, newer])).toEqual(['org_b', 'org_c', 'org_a']);
  });

  it('never reports negative capacity when the capacity was lowered below what is held', () => {
    expect(openCapacity(entry('org_a', { referralCapacity: 2, openReferrals: 4 }))).toBe(0);
    expect(openCapacity(entry('org_a', { acceptingReferrals: false }))).toBe(0);
    expect(openCapacity(entry('org_a', { referralCapacity: 5, openReferrals: 2 }))).toBe(3);
  });

  it('reads a nationwide country as every one of its regions, and no other country', () => {
    const us = entry('org_a', { regionsServed: ['US-CA'], nationwide: ['US'] });
    expect(servesRegion(us, 'US-CA')).toBe('in_region');
    expect(servesRegion(us, 'US-NY')).toBe('nationwide');
    expect(servesRegion(us, 'MX-CHP')).toBeUndefined();
  });
});
