import { type ConsentAction, type ConsentRecord, type Purpose, type SectionName } from '@app/crypto';
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

/** A grant in force for a section, with what it allows. */
export interface CoveringGrant extends Grantee {
  readonly action: ConsentAction;
}

/**
 * Which organizations may receive a section's key now, from the receipts our
 * own organization signed, not from intake's say-so: intake can only narrow
 * the list (a withdrawn or expired grant), never add to it. A grant counts if
 * it covers the section, is within its validity period, is not withheld from
 * that organization, and (when given) serves one of `purposes`.
 *
 * Only `access` grants count here: an organization granted a section to
 * `disclose` only receives it through a referral it accepted (staged
 * disclosure; `referral create` seals its keys), so section writes and
 * sharing leave it out, and intake refuses such envelopes outside a referral.
 */
export function grantedOrganizations(
  consents: readonly VerifiedConsent[],
  section: SectionName,
  now: Date,
  purposes?: readonly Purpose[],
): Grantee[] {
  const byOrg = new Map<string, Grantee>();
  for (const grant of coveringGrants(consents, section, now, purposes)) {
    if (grant.action !== 'access') continue;
    if (!byOrg.has(grant.orgId)) byOrg.set(grant.orgId, { orgId: grant.orgId, consentId: grant.consentId });
  }
  return [...byOrg.values()].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
}

/**
 * The grant a referral of the section to `orgId` for `purpose` is made
 * under, by the same rules: a `disclose` grant if there is one (what staged
 * disclosure is for), else an `access` grant; undefined if none covers it.
 */
export function referralGrant(
  consents: readonly VerifiedConsent[],
  orgId: string,
  section: SectionName,
  purpose: Purpose,
  now: Date,
): CoveringGrant | undefined {
  const grants = coveringGrants(consents, section, now, [purpose]).filter((grant) => grant.orgId === orgId);
  return grants.find((grant) => grant.action === 'disclose') ?? grants[0];
}

/** Every grant in force for the section, in the order of the consents and their grants. */
function coveringGrants(
  consents: readonly VerifiedConsent[],
  section: SectionName,
  now: Date,
  purposes?: readonly Purpose[],
): CoveringGrant[] {
  const found: CoveringGrant[] = [];
  for (const { latest, states } of consents) {
    for (const grant of latest.grants) {
      if (!grant.sections.includes(section)) continue;
      if (!(Date.parse(grant.validFrom) <= now.getTime() && now.getTime() < Date.parse(grant.validUntil))) continue;
      if (latest.withheld.some((w) => w.section === section && w.fromOrgId === grant.granteeOrgId)) continue;
      if (purposes && !grant.purposes.some((p) => purposes.includes(p.purpose))) continue;
      if (states && !isActive(states, latest.consentId, grant.granteeOrgId)) continue;
      found.push({ orgId: grant.granteeOrgId, consentId: latest.consentId, action: grant.action });
    }
  }
  return found;
}

function isActive(states: readonly GrantState[], consentId: string, orgId: string): boolean {
  return states.some((s) => s.consentId === consentId && s.granteeOrgId === orgId && s.state === 'active');
}
