import { type IntakeClient } from '../http/intake-client';
import { asObject, asString, optionalString } from './response';
import { type StoredConsent, parseStoredConsent } from './consents-api';

/** Entries per page the CLI asks for: intake's maximum, so a long log takes few requests. */
export const ACCESS_LOG_PAGE_LIMIT = 500;

/** One page of a case's access log, as intake sent it: the SDK's page verifier reads `entries` and `head`. */
export interface AccessLogAnswer {
  readonly entries: unknown;
  readonly head: unknown;
  /** Intake's own verification of the page; the CLI recomputes it and reports both. */
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

/**
 * Public: what a client sees with their receipt code (sent in the body,
 * never in a URL that proxies log), with the page of the access log after
 * seq `after`.
 */
export async function fetchReceipt(api: IntakeClient, receiptCode: string, after = 0): Promise<ReceiptAnswer> {
  const body = asObject(
    await api.post(['receipts', 'lookup'], { receiptCode, after, limit: ACCESS_LOG_PAGE_LIMIT }),
    'receipt',
  );
  const caseId = optionalString(body.caseId, 'caseId');
  // The log may be nested under accessLog or inline (docs/consent-api.md shows {entries, head, verification}).
  const accessLog = accessLogOf(body.accessLog === undefined ? body : asObject(body.accessLog, 'accessLog'));
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

/** The owner's page of the case's access log after seq `after`. */
export async function fetchAccessLog(api: IntakeClient, caseId: string, after: number): Promise<AccessLogAnswer> {
  const query = { after: String(after), limit: String(ACCESS_LOG_PAGE_LIMIT) };
  return accessLogOf(asObject(await api.get(['cases', caseId, 'access-log'], query), 'access log'));
}

function accessLogOf(log: Record<string, unknown>): AccessLogAnswer {
  return { entries: log.entries, head: log.head, verification: log.verification };
}
