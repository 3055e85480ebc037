import { type ConsentRecord } from '@app/crypto';
import { hasEnded } from '../../cases/domain/grants';
import { type Grant } from '../../cases/domain/protected-content';
import { type EndedGrant } from './end-grants';

/**
 * The new version's grants replace the ones the previous version still had
 * in force. Each replaced grant that has started ends here: one still running
 * is withdrawn; one already past validUntil but not yet swept expired (its
 * envelopes are still stored, and once marked superseded the sweep would
 * never reach it). One that has not started yet never had envelopes.
 */
export function nextGrants(
  current: { grants: readonly Grant[] },
  record: Pick<ConsentRecord, 'consentId' | 'version' | 'grants' | 'withheld'>,
  now: Date,
): { grants: Grant[]; ended: EndedGrant[] } {
  const superseded = current.grants.filter((grant) => grant.consentId === record.consentId && !hasEnded(grant));
  const ended: EndedGrant[] = superseded
    .filter((grant) => grant.validFrom <= now)
    .map((before) => ({ before, reason: before.validUntil <= now ? 'expired' : 'withdrawn' }));
  const kept = current.grants.filter((grant) => !superseded.includes(grant));
  const history = superseded.map((grant) => ({ ...grant, supersededAt: now }));
  const added: Grant[] = record.grants.map((grant) => ({
    consentId: record.consentId,
    consentVersion: record.version,
    granteeOrgId: grant.granteeOrgId,
    action: grant.action,
    // A section withheld from this organization stays out, whatever the grant lists.
    sections: grant.sections.filter(
      (section) =>
        !record.withheld.some((entry) => entry.section === section && entry.fromOrgId === grant.granteeOrgId),
    ),
    purposes: grant.purposes.map((entry) => entry.purpose),
    validFrom: new Date(grant.validFrom),
    validUntil: new Date(grant.validUntil),
    onwardSharing: grant.onwardSharing,
  }));
  return { grants: [...kept, ...history, ...added], ended };
}
