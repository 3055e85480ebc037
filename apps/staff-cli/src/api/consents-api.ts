import { type ConsentReceipt } from '@app/crypto';
import { type IntakeClient } from '../http/intake-client';
import { asArray, asInteger, asObject, asString } from './response';

// Consent endpoints (docs/consent-api.md, "Consent").

/** A grant as intake reports it: its state is the server's word (withdrawal is not in any receipt). */
export interface GrantState {
  readonly consentId: string;
  readonly granteeOrgId: string;
  readonly state: string;
}

export interface StoredConsent {
  readonly consentId: string;
  /** Every signed version, unverified. */
  readonly receipts: readonly unknown[];
  readonly grants?: readonly GrantState[];
}

export async function listConsents(api: IntakeClient, caseId: string): Promise<StoredConsent[]> {
  const body = asArray(await api.get(['cases', caseId, 'consents']), 'consents');
  return body.map((item, i) => parseStoredConsent(item, `consents[${i}]`));
}

export function parseStoredConsent(item: unknown, what: string): StoredConsent {
  const o = asObject(item, what);
  const grants =
    o.grants === undefined
      ? undefined
      : asArray(o.grants, `${what}.grants`).map((g, j) => parseGrantState(g, `${what}.grants[${j}]`));
  return {
    consentId: asString(o.consentId, `${what}.consentId`),
    receipts: asArray(o.receipts, `${what}.receipts`),
    ...(grants ? { grants } : {}),
  };
}

function parseGrantState(value: unknown, what: string): GrantState {
  const o = asObject(value, what);
  return {
    consentId: asString(o.consentId, `${what}.consentId`),
    granteeOrgId: asString(o.granteeOrgId, `${what}.granteeOrgId`),
    state: asString(o.state, `${what}.state`),
  };
}

export interface RecordedConsent {
  readonly consentId: string;
  readonly version: number;
  /** Version 1 only, shown once. */
  readonly receiptCode?: string;
  readonly grants?: unknown;
}

export async function recordConsent(
  api: IntakeClient,
  caseId: string,
  receipt: ConsentReceipt,
): Promise<RecordedConsent> {
  const o = asObject(await api.post(['cases', caseId, 'consents'], { receipt }), 'recorded consent');
  return {
    consentId: asString(o.consentId, 'consentId'),
    version: asInteger(o.version, 'version'),
    ...(o.receiptCode === undefined ? {} : { receiptCode: asString(o.receiptCode, 'receiptCode') }),
    ...(o.grants === undefined ? {} : { grants: o.grants }),
  };
}

export const WITHDRAWAL_CHANNELS = ['written', 'verbal', 'app'] as const;
export type WithdrawalChannel = (typeof WITHDRAWAL_CHANNELS)[number];

export function withdrawGrant(
  api: IntakeClient,
  caseId: string,
  consentId: string,
  granteeOrgId: string,
  channel: WithdrawalChannel,
): Promise<unknown> {
  return api.delete(['cases', caseId, 'consents', consentId, 'grants', granteeOrgId], { channel });
}
