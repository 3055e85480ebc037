import { type CaseSection, ConsentExpiredV1, ConsentRevokedV1 } from '@app/contracts';
import { buildEvent, type EventOrigin } from '@app/messaging';
import { activeCoverage, lostCoverage } from '../../cases/domain/grants';
import { type Grant } from '../../cases/domain/protected-content';
import { type GrantsChange, type ProtectedCase } from '../../cases/persistence/protected-case.repository';

export interface EndedGrant {
  before: Grant;
  reason: 'withdrawn' | 'expired';
}

/**
 * What follows from replacing a case's grants: the envelopes of every
 * (organization, section) pair no active grant covers any more are deleted,
 * that section's current key version is retired (its data key reached the
 * organization, so new content needs a new key), and each ended grant is
 * announced so the grantee purges its copies. Shared by withdrawal, a
 * superseding consent version and the expiry sweep.
 */
export function planGrantsChange(
  current: ProtectedCase,
  nextGrants: Grant[],
  ended: readonly EndedGrant[],
  now: Date,
  origin: EventOrigin,
): GrantsChange {
  const lost = lostCoverage(activeCoverage(current.grants, now), activeCoverage(nextGrants, now));
  // A grant past validUntil stopped counting then, so coverage "now" no longer shows it, yet until the sweep
  // reaches it its envelopes are still stored: whether it is swept, withdrawn or superseded, its sections go
  // too. A grant that never started never had envelopes (they are accepted only for active grants).
  for (const { before } of ended) {
    if (before.validFrom > now) continue;
    const stillCovered = activeCoverage(nextGrants, now).get(before.granteeOrgId);
    const gone = before.sections.filter((section) => !stillCovered?.has(section));
    lost.set(before.granteeOrgId, [...new Set([...(lost.get(before.granteeOrgId) ?? []), ...gone])]);
  }

  const envelopeRemovals = new Map<CaseSection, string[]>();
  const retirements = new Map<CaseSection, number>();
  for (const [orgId, sections] of lost) {
    for (const section of sections) {
      const stored = current.sections[section];
      if (!stored) continue;
      envelopeRemovals.set(section, [...(envelopeRemovals.get(section) ?? []), orgId]);
      retirements.set(section, stored.keyVersion);
    }
  }

  let sequence = current.version;
  const events = ended.flatMap(({ before, reason }) => {
    const sections = before.sections.filter((section) => lost.get(before.granteeOrgId)?.includes(section));
    if (sections.length === 0) return [];
    sequence += 1;
    const common = { caseId: current._id, consentId: before.consentId, granteeOrgId: before.granteeOrgId, sections };
    return reason === 'withdrawn'
      ? [
          buildEvent(
            ConsentRevokedV1,
            current._id,
            sequence,
            {
              ...common,
              retiredKeyVersions: sections.flatMap((section) => {
                const keyVersion = retirements.get(section);
                return keyVersion === undefined ? [] : [{ section, keyVersion }];
              }),
              withdrawnAt: now.toISOString(),
            },
            origin,
          ),
        ]
      : [
          buildEvent(
            ConsentExpiredV1,
            current._id,
            sequence,
            { ...common, expiredAt: before.validUntil.toISOString() },
            origin,
          ),
        ];
  });

  return {
    expectedVersion: current.version,
    expectedGrantsRevision: current.grantsRevision,
    grants: nextGrants,
    envelopeRemovals,
    retirements,
    events,
  };
}
