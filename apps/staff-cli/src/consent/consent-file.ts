import { type ConsentRecord, parseConsentRecord } from '@app/crypto';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

/**
 * What staff write in the grants file of `consent grant`: everything about
 * the consent that only they know. The CLI adds the rest (ids, version,
 * client reference, collector, time); a grant without validFrom starts now.
 * `clientRef` may be given to reuse a reference the organization already has
 * for this client (one made by the SDK, never a name); for a next version it
 * must be the consent's own.
 */
const FILE_FIELDS = [
  'clientRef',
  'givenBy',
  'collectionMethod',
  'language',
  'jurisdiction',
  'privacyNotice',
  'grants',
  'withheld',
] as const;

export interface ConsentRecordContext {
  readonly caseId: string;
  readonly consentId: string;
  readonly version: number;
  /** The reference the CLI made for a new consent, or the consent's own for a next version. */
  readonly clientRef: string;
  readonly orgId: string;
  readonly staffSub: string;
  readonly now: Date;
}

/** Builds the record and validates it with the SDK (the same checks intake runs). */
export function buildConsentRecord(file: unknown, context: ConsentRecordContext): ConsentRecord {
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, 'grants file: expected a JSON object');
  const o = file as Record<string, unknown>;
  const unknown = Object.keys(o).filter((key) => !(FILE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new CliError(
      CLI_ERROR_CODES.INPUT_INVALID,
      `grants file: unknown fields (expected only ${FILE_FIELDS.join(', ')})`,
    );
  }
  if (o.clientRef !== undefined && context.version > 1 && o.clientRef !== context.clientRef)
    throw new CliError(
      CLI_ERROR_CODES.INPUT_INVALID,
      "grants file: clientRef differs from the consent's own; every version names the same client",
    );
  const now = context.now.toISOString();
  const grants = Array.isArray(o.grants) ? o.grants.map((grant: unknown) => withDefaultStart(grant, now)) : o.grants;
  return parseConsentRecord({
    v: 1,
    alg: 'ed25519',
    type: 'consent-record',
    consentId: context.consentId,
    version: context.version,
    caseId: context.caseId,
    clientRef: o.clientRef ?? context.clientRef,
    givenBy: o.givenBy,
    collectedBy: { orgId: context.orgId, staffSub: context.staffSub },
    collectionMethod: o.collectionMethod,
    language: o.language,
    jurisdiction: o.jurisdiction,
    privacyNotice: o.privacyNotice,
    dateTime: now,
    grants,
    withheld: o.withheld ?? [],
  });
}

function withDefaultStart(grant: unknown, now: string): unknown {
  if (typeof grant !== 'object' || grant === null || Array.isArray(grant) || 'validFrom' in grant) return grant;
  return { ...grant, validFrom: now };
}
