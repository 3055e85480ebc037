import { type AccessLogHead, type AccessLogPagesVerification, type JsonValue, verifyAccessLogPages } from '@app/crypto';
import { type AccessLogAnswer } from '../api/receipts-api';
import { CLI_ERROR_CODES } from '../errors/cli-error';

/** What access-log verify and receipt verify print about the log. */
// A type, not an interface: the commands print it as JSON, which needs an index signature.
export type AccessLogReport = {
  /** Entries received over all pages. */
  readonly entries: number;
  /** The CLI's own verification of the whole log, page by page. */
  readonly verification: JsonValue;
  /** Intake's verifications of the pages, added up the same way. */
  readonly intakeVerification: JsonValue;
  /** `<seq>:<hash>` of the newest entry verified, to pass as --expect-head next time. */
  readonly newestHead: string | null;
};

export interface AccessLogCheck {
  readonly valid: boolean;
  readonly report: AccessLogReport;
  /** Every entry received, in order (for checks of their own, such as the owner's subjects). */
  readonly received: readonly unknown[];
  readonly failure?: { readonly code: string; readonly message: string };
}

/**
 * Reads the whole log page by page and verifies each page here, from the
 * last entry of the page before (the SDK's verifyAccessLogPages), not on
 * intake's word; `expectedHead` must be passed on the way.
 */
export async function checkAccessLog(
  fetchPage: (after: number) => Promise<AccessLogAnswer>,
  expectedHead: AccessLogHead | undefined,
): Promise<AccessLogCheck> {
  const received: unknown[] = [];
  const intake: unknown[] = [];
  const result = await verifyAccessLogPages(
    async (after) => {
      const page = await fetchPage(after);
      if (Array.isArray(page.entries)) received.push(...(page.entries as unknown[]));
      intake.push(page.verification);
      return page;
    },
    expectedHead === undefined ? {} : { expectedHead },
  );
  const report: AccessLogReport = {
    entries: result.entries,
    verification: verificationOf(result),
    intakeVerification: addUp(intake),
    newestHead: result.valid && result.checkpoint.seq > 0 ? `${result.checkpoint.seq}:${result.checkpoint.hash}` : null,
  };
  if (result.valid) return { valid: true, report, received };
  const message = `access log broken at seq ${result.brokenAtSeq ?? '?'} (${result.reason ?? 'unknown'})`;
  return { valid: false, report, received, failure: { code: CLI_ERROR_CODES.ACCESS_LOG_BROKEN, message } };
}

/** The fields the commands printed before the log came in pages, and withheld when there are any. */
function verificationOf(result: AccessLogPagesVerification): JsonValue {
  const { valid, checked, withheld, brokenAtSeq, reason } = result;
  return {
    valid,
    checked,
    ...(withheld === undefined ? {} : { withheld }),
    ...(brokenAtSeq === undefined ? {} : { brokenAtSeq }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/**
 * Intake's page verifications as one: counts added up, stopping at the
 * first invalid page (its brokenAtSeq is already absolute). Anything that
 * is not a verification is shown as it came, since it is intake's word.
 */
function addUp(pages: readonly unknown[]): JsonValue {
  let checked = 0;
  let withheld = 0;
  for (const page of pages) {
    const o = page as { valid?: unknown; checked?: unknown; withheld?: unknown } | null;
    if (typeof o?.valid !== 'boolean' || typeof o.checked !== 'number') return pages as JsonValue[];
    checked += o.checked;
    withheld += typeof o.withheld === 'number' ? o.withheld : 0;
    if (!o.valid) return { ...(o as Record<string, JsonValue>), checked, ...(withheld > 0 ? { withheld } : {}) };
  }
  return { valid: true, checked, ...(withheld > 0 ? { withheld } : {}) };
}
