import { type IntakeClient } from '../http/intake-client';
import { asObject, asString, optionalString } from './response';
import { type StoredConsent, parseStoredConsent } from './consents-api';

export interface AccessLogAnswer {
  readonly entries: unknown;
  /** Intake's own verification; the CLI recomputes it and reports both. */
  readonly verification?: unknown;
}

/** After the case's erasure intake keeps only this and the access log: the signed receipts went with the case. */
export interface ErasureNotice {
  readonly erasedAt: string;
  readonly legalBasis: string;
}

export type ReceiptAnswer =
  | { readonly caseId?: string; readonly consent: StoredConsent; readonly accessLog: AccessLogAnswer }
  | { readonly caseId?: string; readonly erasure: ErasureNotice; readonly accessLog: AccessLogAnswer };

/** Public: what a client sees with their receipt code (sent in the body, never in a URL that proxies log). */
export async function fetchReceipt(api: IntakeClient, receiptCode: string): Promise<ReceiptAnswer> {
  const body = asObject(await api.post(['receipts', 'lookup'], { receiptCode }), 'receipt');
  const caseId = optionalString(body.caseId, 'caseId');
  // The log may be nested under accessLog or inline (docs/consent-api.md shows {entries, verification}).
  const log = body.accessLog === undefined ? body : asObject(body.accessLog, 'accessLog');
  const accessLog = { entries: log.entries, verification: log.verification };
  if (body.erasure !== undefined) {
    const erasure = asObject(body.erasure, 'erasure');
    return {
      ...(caseId ? { caseId } : {}),
      erasure: {
        erasedAt: asString(erasure.erasedAt, 'erasedAt'),
        legalBasis: asString(erasure.legalBasis, 'legalBasis'),
      },
      accessLog,
    };
  }
  return { ...(caseId ? { caseId } : {}), consent: parseStoredConsent(body, 'receipt'), accessLog };
}

export async function fetchAccessLog(api: IntakeClient, caseId: string): Promise<AccessLogAnswer> {
  const body = asObject(await api.get(['cases', caseId, 'access-log']), 'access log');
  return { entries: body.entries, verification: body.verification };
}
