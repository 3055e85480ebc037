// A fake intake's case state and the views of it that need no other state:
// which grants are active, and the consents as intake lists them.
import {
  type AccessLogEntry,
  type ConsentReceipt,
  type KeyEnvelope,
  type SectionName,
  type SectionRecord,
} from '@app/crypto';

export type FakeSection = { record: SectionRecord; envelopes: KeyEnvelope[]; rotationRequired: boolean };
export type FakeConsent = { receipts: ConsentReceipt[]; withdrawn: Set<string>; code: string };
export type FakeCase = {
  ownerOrgId: string;
  sections: Map<SectionName, FakeSection>;
  consents: Map<string, FakeConsent>;
  log: AccessLogEntry[];
  /** As opened; referral teasers copy region, languages and urgency from it. */
  routing?: unknown;
};

/** Active grants: newest version of each consent, not withdrawn, in its validity period. */
export function activeGrants(c: FakeCase): {
  orgId: string;
  consentId: string;
  action: string;
  sections: readonly string[];
  purposes: readonly string[];
}[] {
  const now = Date.now();
  return [...c.consents.entries()].flatMap(([consentId, consent]) =>
    (consent.receipts.at(-1)?.record.grants ?? [])
      .filter(
        (g) =>
          !consent.withdrawn.has(g.granteeOrgId) && Date.parse(g.validFrom) <= now && now < Date.parse(g.validUntil),
      )
      .map((g) => ({
        orgId: g.granteeOrgId,
        consentId,
        action: g.action,
        sections: g.sections,
        purposes: g.purposes.map((p) => p.purpose),
      })),
  );
}

/** GET /cases/:id/consents: each consent's receipts and its grants' states. */
export function consentsView(c: FakeCase): unknown {
  const active = activeGrants(c);
  return [...c.consents.entries()].map(([consentId, consent]) => ({
    consentId,
    currentVersion: consent.receipts.length,
    receipts: consent.receipts,
    grants: (consent.receipts.at(-1)?.record.grants ?? []).map((g) => ({
      consentId,
      granteeOrgId: g.granteeOrgId,
      state: consent.withdrawn.has(g.granteeOrgId)
        ? 'withdrawn'
        : active.some((a) => a.consentId === consentId && a.orgId === g.granteeOrgId)
          ? 'active'
          : 'expired',
    })),
  }));
}
