import { MalformedInputError } from '../errors';
import { SECTIONS } from '../sections';
import { requireInstant, requireObject, requireSection } from '../validate';
import { requireArray, requireBoolean, requireConsentId, requireDistinct, requireOneOf } from './consent-fields';
import { requireKnownFields } from '../validate';
import { type ConsentGrant, type ConsentPurpose } from './consent-types';
import { CONSENT_ACTIONS, PURPOSE_BASES, PURPOSES, SENSITIVE_SECTIONS } from './consent-vocabulary';

const GRANT_FIELDS = [
  'granteeOrgId',
  'action',
  'purposes',
  'sections',
  'expressConsent',
  'validFrom',
  'validUntil',
  'onwardSharing',
] as const;
const PURPOSE_FIELDS = ['purpose', 'basis'] as const;

/** Validates one grant; `field` names it in errors (e.g. `consent record.grants[2]`). */
export function parseConsentGrant(value: unknown, field: string): ConsentGrant {
  const o = requireObject(value, field);
  requireKnownFields(o, GRANT_FIELDS, field);
  const purposes = requireArray(o.purposes, `${field}.purposes`, 1, PURPOSES.length).map((item, i) =>
    parsePurpose(item, `${field}.purposes[${i}]`),
  );
  requireDistinct(purposes, (p) => p.purpose, `${field}.purposes`);
  const sections = requireArray(o.sections, `${field}.sections`, 1, SECTIONS.length).map((item, i) =>
    requireSection(item, `${field}.sections[${i}]`),
  );
  requireDistinct(sections, (s) => s, `${field}.sections`);
  const expressConsent = requireBoolean(o.expressConsent, `${field}.expressConsent`);
  // Sensitive data may be shared only with the client's express consent (domain.md).
  if (!expressConsent && sections.some((s) => SENSITIVE_SECTIONS.includes(s))) {
    throw new MalformedInputError(`${field}.expressConsent: required for sogiesc, health and protection`);
  }
  const validFrom = requireInstant(o.validFrom, `${field}.validFrom`);
  const validUntil = requireInstant(o.validUntil, `${field}.validUntil`);
  if (Date.parse(validUntil) <= Date.parse(validFrom))
    throw new MalformedInputError(`${field}.validUntil: must be after validFrom`);
  return {
    granteeOrgId: requireConsentId(o.granteeOrgId, `${field}.granteeOrgId`),
    action: requireOneOf(o.action, CONSENT_ACTIONS, `${field}.action`),
    purposes,
    sections,
    expressConsent,
    validFrom,
    validUntil,
    onwardSharing: requireBoolean(o.onwardSharing, `${field}.onwardSharing`),
  };
}

function parsePurpose(value: unknown, field: string): ConsentPurpose {
  const o = requireObject(value, field);
  requireKnownFields(o, PURPOSE_FIELDS, field);
  return {
    purpose: requireOneOf(o.purpose, PURPOSES, `${field}.purpose`),
    basis: requireOneOf(o.basis, PURPOSE_BASES, `${field}.basis`),
  };
}
