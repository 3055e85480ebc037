import { type ConsentRecord, type Purpose, type SectionName } from '@app/crypto';
import { type GrantState } from '../api/consents-api';

export interface VerifiedConsent {
  /** The newest signed version, verified against our own keys or the directory. */
  readonly latest: ConsentRecord;
  /** Intake's grant states for this consent, when it reports them (withdrawal is not in any receipt). */
  readonly states?: readonly GrantState[];
}

export interface Grantee {
  readonly orgId: string;
  readonly consentId: string;
}

/**
 * Which organizations may receive a section's key now, from the receipts our
 * own organization signed, not from intake's say-so: intake can only narrow
 * the list (a withdrawn or expired grant), never add to it. A grant counts if
 * it covers the section, is within its validity period, is not withheld from
 * that organization, and (when given) serves one of `purposes`.
 */
export function grantedOrganizations(
  consents: readonly VerifiedConsent[],
  section: SectionName,
  now: Date,
  purposes?: readonly Purpose[],
): Grantee[] {
  const byOrg = new Map<string, Grantee>();
  for (const { latest, states } of consents) {
    for (const grant of latest.grants) {
      if (!grant.sections.includes(section)) continue;
      if (!(Date.parse(grant.validFrom) <= now.getTime() && now.getTime() < Date.parse(grant.validUntil))) continue;
      if (latest.withheld.some((w) => w.section === section && w.fromOrgId === grant.granteeOrgId)) continue;
      if (purposes && !grant.purposes.some((p) => purposes.includes(p.purpose))) continue;
      if (states && !isActive(states, latest.consentId, grant.granteeOrgId)) continue;
      if (!byOrg.has(grant.granteeOrgId))
        byOrg.set(grant.granteeOrgId, { orgId: grant.granteeOrgId, consentId: latest.consentId });
    }
  }
  return [...byOrg.values()].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
}

function isActive(states: readonly GrantState[], consentId: string, orgId: string): boolean {
  return states.some((s) => s.consentId === consentId && s.granteeOrgId === orgId && s.state === 'active');
}
