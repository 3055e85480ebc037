import { FORMAT_VERSION, SIGNATURE_ALG, assertFormat } from '../algorithms';
import { MalformedInputError } from '../errors';
import { SECTIONS } from '../sections';
import { requireInstant, requireObject, requireSection, requireVersionNumber } from '../validate';
import {
  requireArray,
  requireConsentId,
  requireDistinct,
  requireLanguage,
  requireOneOf,
  requireToken,
} from './consent-fields';
import { requireKnownFields } from '../validate';
import { requireConsentRecordId } from './consent-id';
import { requireClientRef } from './client-ref';
import { type ConsentRecord, type ConsentWithheld } from './consent-types';
import {
  COLLECTION_METHODS,
  CONSENT_GIVERS,
  CONSENT_RECORD_TYPE,
  JURISDICTIONS,
  WITHHOLD_REASONS,
} from './consent-vocabulary';
import { parseConsentGrant } from './parse-consent-grant';

const WHAT = 'consent record';
const RECORD_FIELDS = [
  'v',
  'alg',
  'type',
  'consentId',
  'version',
  'caseId',
  'clientRef',
  'givenBy',
  'collectedBy',
  'collectionMethod',
  'language',
  'jurisdiction',
  'privacyNotice',
  'dateTime',
  'grants',
  'withheld',
] as const;

/** A consent record lists few partners; the cap bounds what a server can make us verify. */
export const MAX_CONSENT_GRANTS = 50;
/** At most one entry per (section, organization) of the grants. */
const MAX_WITHHELD = MAX_CONSENT_GRANTS * SECTIONS.length;

/**
 * Validates every field of a consent record, refusing unknown ones, and
 * returns a fresh object holding only the validated fields: what gets signed
 * or trusted is exactly what was checked.
 */
export function parseConsentRecord(value: unknown): ConsentRecord {
  const o = requireObject(value, WHAT);
  assertFormat(o, SIGNATURE_ALG, WHAT);
  requireKnownFields(o, RECORD_FIELDS, WHAT);
  if (o.type !== CONSENT_RECORD_TYPE) throw new MalformedInputError(`${WHAT}.type: expected ${CONSENT_RECORD_TYPE}`);
  const grants = requireArray(o.grants, `${WHAT}.grants`, 0, MAX_CONSENT_GRANTS).map((g, i) =>
    parseConsentGrant(g, `${WHAT}.grants[${i}]`),
  );
  // One grant per organization, so that "what may this organization see" has one answer.
  requireDistinct(grants, (g) => g.granteeOrgId, `${WHAT}.grants`);
  const withheld = requireArray(o.withheld, `${WHAT}.withheld`, 0, MAX_WITHHELD).map((w, i) =>
    parseWithheld(w, `${WHAT}.withheld[${i}]`),
  );
  requireDistinct(withheld, (w) => `${w.section} ${w.fromOrgId}`, `${WHAT}.withheld`);
  return {
    v: FORMAT_VERSION,
    alg: SIGNATURE_ALG,
    type: CONSENT_RECORD_TYPE,
    consentId: requireConsentRecordId(o.consentId, `${WHAT}.consentId`),
    version: requireVersionNumber(o.version, `${WHAT}.version`, 1),
    caseId: requireConsentId(o.caseId, `${WHAT}.caseId`),
    clientRef: requireClientRef(o.clientRef, `${WHAT}.clientRef`),
    givenBy: requireOneOf(o.givenBy, CONSENT_GIVERS, `${WHAT}.givenBy`),
    collectedBy: parseCollectedBy(o.collectedBy, `${WHAT}.collectedBy`),
    collectionMethod: requireOneOf(o.collectionMethod, COLLECTION_METHODS, `${WHAT}.collectionMethod`),
    language: requireLanguage(o.language, `${WHAT}.language`),
    jurisdiction: requireOneOf(o.jurisdiction, JURISDICTIONS, `${WHAT}.jurisdiction`),
    privacyNotice: parsePrivacyNotice(o.privacyNotice, `${WHAT}.privacyNotice`),
    dateTime: requireInstant(o.dateTime, `${WHAT}.dateTime`),
    grants,
    withheld,
  };
}

function parseCollectedBy(value: unknown, field: string): ConsentRecord['collectedBy'] {
  const o = requireObject(value, field);
  requireKnownFields(o, ['orgId', 'staffSub'], field);
  return {
    orgId: requireConsentId(o.orgId, `${field}.orgId`),
    staffSub: requireConsentId(o.staffSub, `${field}.staffSub`),
  };
}

function parsePrivacyNotice(value: unknown, field: string): ConsentRecord['privacyNotice'] {
  const o = requireObject(value, field);
  requireKnownFields(o, ['ref', 'version'], field);
  return { ref: requireToken(o.ref, `${field}.ref`), version: requireToken(o.version, `${field}.version`) };
}

function parseWithheld(value: unknown, field: string): ConsentWithheld {
  const o = requireObject(value, field);
  requireKnownFields(o, ['section', 'fromOrgId', 'reason'], field);
  return {
    section: requireSection(o.section, `${field}.section`),
    fromOrgId: requireConsentId(o.fromOrgId, `${field}.fromOrgId`),
    reason: requireOneOf(o.reason, WITHHOLD_REASONS, `${field}.reason`),
  };
}
