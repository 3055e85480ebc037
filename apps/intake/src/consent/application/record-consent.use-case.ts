import { Inject, Injectable } from '@nestjs/common';
import { type ConsentReceipt, type ConsentRecord, parseConsentReceipt, verifyConsentReceipt } from '@app/crypto';
import { INTAKE_ERRORS } from '../../intake-errors';
import { type Principal } from '@app/auth';
import { OUTBOX_NOTIFIER, type OutboxNotifier } from '@app/messaging';
import { checkedInput } from '../../cases/application/crypto-input';
import { originOf } from '../../cases/application/event-origin';
import { KeyDirectory } from '../../key-directory/key-directory.service';
import { type Grant, type StoredConsent } from '../../cases/domain/protected-content';
import { ProtectedCaseRepository, type ProtectedCase } from '../../cases/persistence/protected-case.repository';
import { planGrantsChange } from './end-grants';
import { nextGrants } from './next-grants';
import { newReceiptCode, normalizeReceiptCode, receiptCodeHash } from './receipt-code';
import { WRITE_ATTEMPTS, caseNotFound, concurrentChange } from '../../cases/application/case-errors';
import { ownerScope } from '../../cases/domain/case-scope';

export interface RecordedConsent {
  consentId: string;
  version: number;
  /** Only for version 1: the code the client keeps. Never stored, never shown again. */
  receiptCode?: string;
  grants: Grant[];
}

/**
 * Stores a consent version signed by the collecting organization. Version 1
 * of a consent creates it; version n + 1 supersedes version n, and whatever
 * a grant loses on the way is withdrawn exactly as an explicit withdrawal
 * would (envelopes deleted, keys retired, consent.revoked), in the same write.
 */
@Injectable()
export class RecordConsent {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly directory: KeyDirectory,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  async execute(
    principal: Principal,
    caseId: string,
    receiptInput: unknown,
    correlationId: string,
  ): Promise<RecordedConsent> {
    const receipt = await this.verified(principal, receiptInput);
    const { record } = receipt;
    if (record.caseId !== caseId)
      throw INTAKE_ERRORS.error('CONSENT.CASE_MISMATCH', 'the consent record names another case');
    if (record.collectedBy.orgId !== principal.orgId || record.collectedBy.staffSub !== principal.sub) {
      throw INTAKE_ERRORS.error(
        'CONSENT.COLLECTOR_MISMATCH',
        'the consent record must name the caller as its collector',
      );
    }
    await this.requireRegisteredGrantees(principal.orgId, record);

    const scope = ownerScope(principal.orgId);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.cases.load(scope, caseId, { sections: 'metadata', consents: true });
      if (!current) throw caseNotFound();
      const now = new Date();
      const { consents, receiptCode } = nextConsents(current, receipt, now);
      const { grants, ended } = nextGrants(current, record, now);
      const change = planGrantsChange(current, grants, ended, now, originOf(correlationId));
      if (await this.cases.changeGrants(scope, caseId, { ...change, consents })) {
        if (change.events.length > 0) this.outbox.notify();
        return {
          consentId: record.consentId,
          version: record.version,
          ...(receiptCode ? { receiptCode } : {}),
          grants: grants.filter(
            (grant) => grant.consentId === record.consentId && grant.consentVersion === record.version,
          ),
        };
      }
    }
    throw concurrentChange();
  }

  private async verified(principal: Principal, receiptInput: unknown): Promise<ConsentReceipt> {
    const parsed = await checkedInput(() => parseConsentReceipt(receiptInput));
    const signingKey = await this.directory.currentSigningKey(principal.orgId, parsed.signerKeyId);
    if (!signingKey) {
      throw INTAKE_ERRORS.error(
        'CONSENT.SIGNER_KEY_UNKNOWN',
        "the receipt must be signed with the organization's current registered signing key",
      );
    }
    return checkedInput(() => verifyConsentReceipt(receiptInput, signingKey));
  }

  private async requireRegisteredGrantees(ownerOrgId: string, record: ConsentRecord): Promise<void> {
    const granteeIds = record.grants.map((grant) => grant.granteeOrgId);
    if (granteeIds.includes(ownerOrgId))
      throw INTAKE_ERRORS.error('CONSENT.GRANTEE_IS_OWNER', 'the owner organization needs no grant');
    const registered = await this.directory.currentRecords(granteeIds);
    if (granteeIds.some((orgId) => !registered.has(orgId))) {
      throw INTAKE_ERRORS.error('CONSENT.GRANTEE_UNKNOWN', 'every grantee must have keys in the key directory');
    }
  }
}

function nextConsents(
  current: ProtectedCase,
  receipt: ConsentReceipt,
  now: Date,
): { consents: StoredConsent[]; receiptCode?: string } {
  const { record } = receipt;
  const existing = current.consents.find((consent) => consent.consentId === record.consentId);
  if (!existing) {
    if (record.version !== 1)
      throw INTAKE_ERRORS.error('CONSENT.VERSION_CONFLICT', 'a new consent starts at version 1');
    const receiptCode = newReceiptCode();
    const stored: StoredConsent = {
      consentId: record.consentId,
      currentVersion: 1,
      receiptCodeHash: receiptCodeHash(normalizeReceiptCode(receiptCode) ?? receiptCode),
      receipts: [receipt],
      createdAt: now,
    };
    return { consents: [...current.consents, stored], receiptCode };
  }
  if (record.version !== existing.currentVersion + 1)
    throw INTAKE_ERRORS.error('CONSENT.VERSION_CONFLICT', 'a consent version must follow the current one');
  if (record.clientRef !== existing.receipts.at(-1)?.record.clientRef)
    throw INTAKE_ERRORS.error('CONSENT.CLIENT_MISMATCH', 'every version of a consent names the same client reference');
  const updated: StoredConsent = {
    ...existing,
    currentVersion: record.version,
    receipts: [...existing.receipts, receipt],
  };
  return { consents: current.consents.map((consent) => (consent === existing ? updated : consent)) };
}
