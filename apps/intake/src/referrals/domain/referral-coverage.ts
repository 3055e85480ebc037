import { type CaseSection, type Purpose } from '@app/contracts';
import { isActive } from '../../cases/domain/grants';
import { type Grant } from '../../cases/domain/protected-content';

/** What the client's consent does not cover of a referral: one entry per section no active grant covers. */
export interface MissingGrant {
  readonly section: CaseSection;
  readonly purpose: Purpose;
  readonly granteeOrgId: string;
}

/**
 * The sections of a referral that no active grant to the partner covers for
 * its purpose, at `at`. Empty means the consent covers the whole referral.
 * Grants of either action count: `disclose` grants are the ones meant for
 * referrals, and an `access` grant already lets the partner have the keys.
 */
export function missingGrants(
  grants: readonly Grant[],
  partnerOrgId: string,
  purpose: Purpose,
  sections: readonly CaseSection[],
  at: Date,
): MissingGrant[] {
  return sections
    .filter(
      (section) =>
        !grants.some(
          (grant) =>
            grant.granteeOrgId === partnerOrgId &&
            isActive(grant, at) &&
            grant.purposes.includes(purpose) &&
            grant.sections.includes(section),
        ),
    )
    .map((section) => ({ section, purpose, granteeOrgId: partnerOrgId }));
}

/** How a message names what is missing: sections and purpose only, which are vocabulary. */
export function describeMissing(missing: readonly MissingGrant[]): string {
  const [first] = missing;
  if (!first) return 'the consent covers the referral';
  const sections = missing.map((entry) => entry.section).join(', ');
  return (
    `no active consent grant to ${first.granteeOrgId} covers ${sections} for ${first.purpose}; ` +
    'record a consent that grants it before referring'
  );
}

/**
 * Why the consent stopped covering a referral, for its withdrawal: looks at
 * the partner's grants that did cover it (same purpose, a listed section),
 * most recent first. A superseded one means a new consent version dropped
 * it; one past its dates, expiry; anything else (withdrawn, or no grant at
 * all) counts as a withdrawal.
 */
export function lostCoverageReason(
  grants: readonly Grant[],
  partnerOrgId: string,
  purpose: Purpose,
  sections: readonly CaseSection[],
  at: Date,
): 'consent_withdrawn' | 'consent_superseded' | 'consent_expired' {
  const relevant = grants.filter(
    (grant) =>
      grant.granteeOrgId === partnerOrgId &&
      grant.purposes.includes(purpose) &&
      grant.sections.some((section) => sections.includes(section)),
  );
  if (relevant.some((grant) => grant.withdrawnAt !== undefined)) return 'consent_withdrawn';
  if (relevant.some((grant) => grant.supersededAt !== undefined)) return 'consent_superseded';
  if (relevant.some((grant) => grant.expiredAt !== undefined || grant.validUntil <= at)) return 'consent_expired';
  return 'consent_withdrawn';
}
