import { type ConsentGrant, type ConsentRecord, newConsentId } from '@app/crypto';

const DAY = 24 * 60 * 60 * 1000;

/** A complete consent record as an intake worker collects it; tests override what they exercise. */
export function consentRecord(input: {
  caseId: string;
  orgId: string;
  staffSub: string;
  grants: ConsentGrant[];
  consentId?: string;
  version?: number;
}): ConsentRecord {
  return {
    v: 1,
    alg: 'ed25519',
    type: 'consent-record',
    consentId: input.consentId ?? newConsentId(),
    version: input.version ?? 1,
    caseId: input.caseId,
    clientRef: 'cref_client7f3a9cxxxxxxxxxA',
    givenBy: 'self',
    collectedBy: { orgId: input.orgId, staffSub: input.staffSub },
    collectionMethod: 'written',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-privacidad', version: '2026-01' },
    dateTime: new Date().toISOString(),
    grants: input.grants,
    withheld: [],
  };
}

export function grant(
  granteeOrgId: string,
  sections: ConsentGrant['sections'],
  options: { purposes?: ConsentGrant['purposes']; validForMs?: number; validFrom?: Date } = {},
): ConsentGrant {
  const validFrom = options.validFrom ?? new Date(Date.now() - 60_000);
  return {
    granteeOrgId,
    action: 'access',
    purposes: options.purposes ?? [{ purpose: 'legal_representation', basis: 'necessary' }],
    sections,
    expressConsent: sections.some((section) => ['sogiesc', 'health', 'protection'].includes(section)),
    validFrom: validFrom.toISOString(),
    validUntil: new Date(Date.now() + (options.validForMs ?? 30 * DAY)).toISOString(),
    onwardSharing: false,
  };
}
