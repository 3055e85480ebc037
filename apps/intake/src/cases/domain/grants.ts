import { type CaseSection, type Purpose } from '@app/contracts';
import { type Grant } from './protected-content';

/** Withdrawn, swept after expiry, or replaced by a later consent version: it never counts again. */
export function hasEnded(grant: Grant): boolean {
  return grant.withdrawnAt !== undefined || grant.expiredAt !== undefined || grant.supersededAt !== undefined;
}

/** Default deny: a grant counts only between its dates and until it ends. Expiry needs no one to act. */
export function isActive(grant: Grant, now: Date): boolean {
  return !hasEnded(grant) && grant.validFrom <= now && now < grant.validUntil;
}

export const GRANT_STATES = ['pending', 'active', 'expired', 'withdrawn', 'superseded'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

/** Where a grant stands at `now`: how it ended, if it did, else whether its dates have begun or passed. */
export function grantState(grant: Grant, now: Date): GrantState {
  if (grant.withdrawnAt) return 'withdrawn';
  if (grant.supersededAt) return 'superseded';
  if (isActive(grant, now)) return 'active';
  return now < grant.validFrom ? 'pending' : 'expired';
}

export function activeGrantFor(
  grants: readonly Grant[],
  orgId: string,
  section: CaseSection,
  purpose: Purpose | undefined,
  now: Date,
): Grant | undefined {
  return grants.find(
    (grant) =>
      grant.granteeOrgId === orgId &&
      isActive(grant, now) &&
      grant.sections.includes(section) &&
      (purpose === undefined || grant.purposes.includes(purpose)),
  );
}

/** Which sections each organization may currently receive keys for, across all active grants. */
export function activeCoverage(grants: readonly Grant[], now: Date): Map<string, Set<CaseSection>> {
  const coverage = new Map<string, Set<CaseSection>>();
  for (const grant of grants) {
    if (!isActive(grant, now)) continue;
    const sections = coverage.get(grant.granteeOrgId) ?? new Set<CaseSection>();
    grant.sections.forEach((section) => sections.add(section));
    coverage.set(grant.granteeOrgId, sections);
  }
  return coverage;
}

/** Sections (per organization) covered before and no longer after: their envelopes go and their keys retire. */
export function lostCoverage(
  before: Map<string, Set<CaseSection>>,
  after: Map<string, Set<CaseSection>>,
): Map<string, CaseSection[]> {
  const lost = new Map<string, CaseSection[]>();
  for (const [orgId, sections] of before) {
    const kept = after.get(orgId);
    const gone = [...sections].filter((section) => !kept?.has(section));
    if (gone.length > 0) lost.set(orgId, gone);
  }
  return lost;
}

export function purposesOf(grants: readonly Grant[], orgId: string, now: Date): Set<Purpose> {
  return new Set(
    grants.filter((grant) => grant.granteeOrgId === orgId && isActive(grant, now)).flatMap((grant) => grant.purposes),
  );
}
