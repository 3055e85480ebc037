import {
  type JsonValue,
  type KeyEnvelope,
  type Purpose,
  type SealedReferralNote,
  type SectionName,
  isSectionName,
} from '@app/crypto';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type IntakeClient } from '../http/intake-client';
import { asArray, asInteger, asObject, asString, optionalString } from './response';

// Referrals (domain.md, "Referrals (staged disclosure)"): a sender refers a
// case's sections to a partner, which sees a teaser until it accepts.

export const REFERRAL_STATUSES = ['requested', 'accepted', 'declined', 'expired', 'withdrawn', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const DECLINE_REASONS = [
  'no_capacity',
  'outside_scope',
  'conflict_of_interest',
  'language_unavailable',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const COMPLETION_OUTCOMES = [
  'representation_provided',
  'services_provided',
  'client_declined',
  'client_unreachable',
  'transferred',
  'other',
] as const;
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

export const REFERRAL_BOXES = ['sent', 'received'] as const;
export type ReferralBox = (typeof REFERRAL_BOXES)[number];

/** What the partner sees before accepting: coarse routing terms, and a note only it can open. */
export type ReferralTeaser = {
  readonly needCategory: string;
  readonly regionCode: string;
  readonly languages: readonly string[];
  readonly urgency: string;
  /** Sealed to the partner; still to be validated and opened by the SDK. */
  readonly note?: JsonValue;
};

export type ReferralView = {
  readonly referralId: string;
  /** Absent for the partner until it accepts. */
  readonly caseId?: string;
  readonly senderOrgId: string;
  readonly partnerOrgId: string;
  readonly purpose: string;
  readonly sections: readonly SectionName[];
  readonly status: ReferralStatus;
  readonly teaser: ReferralTeaser;
  readonly respondBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly acceptedAt?: string;
  readonly endedAt?: string;
  readonly endReason?: string;
};

export interface NewReferral {
  readonly referralId: string;
  readonly partnerOrgId: string;
  readonly purpose: Purpose;
  readonly sections: readonly SectionName[];
  readonly needCategory: string;
  readonly respondBy?: string;
  readonly note?: SealedReferralNote;
  /** One per section: its data key at the current key version, sealed to the partner. */
  readonly envelopes: readonly KeyEnvelope[];
}

export async function createReferral(api: IntakeClient, caseId: string, referral: NewReferral): Promise<ReferralView> {
  return parseReferralView(await api.post(['cases', caseId, 'referrals'], referral), 'referral');
}

export interface ReferralPage {
  readonly items: readonly ReferralView[];
  readonly nextCursor?: string;
}

export async function listReferrals(
  api: IntakeClient,
  query: { box?: ReferralBox; status?: ReferralStatus; limit?: number; cursor?: string },
): Promise<ReferralPage> {
  const params: Record<string, string> = {};
  if (query.box) params.box = query.box;
  if (query.status) params.status = query.status;
  if (query.limit !== undefined) params.limit = String(query.limit);
  if (query.cursor) params.cursor = query.cursor;
  const body = asObject(await api.get(['referrals'], params), 'referrals');
  const nextCursor = optionalString(body.nextCursor, 'referrals.nextCursor');
  return {
    items: asArray(body.items, 'referrals.items').map((item, i) => parseReferralView(item, `referrals.items[${i}]`)),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}

export async function getReferral(api: IntakeClient, referralId: string): Promise<ReferralView> {
  return parseReferralView(await api.get(['referrals', referralId]), 'referral');
}

/** accept and withdraw take `{}`; decline a reason, complete an outcome. */
export async function referralAction(
  api: IntakeClient,
  referralId: string,
  action: 'accept' | 'decline' | 'withdraw' | 'complete',
  body: { reason?: DeclineReason; outcome?: CompletionOutcome } = {},
): Promise<ReferralView> {
  return parseReferralView(await api.post(['referrals', referralId, action], body), 'referral');
}

/** Shape checks only: the CLI prints what intake says about referral states, and trusts none of it with keys. */
export function parseReferralView(value: unknown, what: string): ReferralView {
  const o = asObject(value, what);
  const status = asString(o.status, `${what}.status`);
  if (!(REFERRAL_STATUSES as readonly string[]).includes(status))
    throw new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, `intake response ${what}.status: not a referral status`);
  const sections = asArray(o.sections, `${what}.sections`).map((s, i) => {
    const section = asString(s, `${what}.sections[${i}]`);
    if (!isSectionName(section))
      throw new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, `intake response ${what}.sections[${i}]: not a section`);
    return section;
  });
  const t = asObject(o.teaser, `${what}.teaser`);
  const teaser: ReferralTeaser = {
    needCategory: asString(t.needCategory, `${what}.teaser.needCategory`),
    regionCode: asString(t.regionCode, `${what}.teaser.regionCode`),
    languages: asArray(t.languages, `${what}.teaser.languages`).map((l, i) =>
      asString(l, `${what}.teaser.languages[${i}]`),
    ),
    urgency: asString(t.urgency, `${what}.teaser.urgency`),
    ...(t.note === undefined || t.note === null ? {} : { note: t.note as JsonValue }),
  };
  const optional = (name: 'caseId' | 'acceptedAt' | 'endedAt' | 'endReason'): { [key: string]: string } => {
    const found = optionalString(o[name] ?? undefined, `${what}.${name}`);
    return found === undefined ? {} : { [name]: found };
  };
  return {
    referralId: asString(o.referralId, `${what}.referralId`),
    ...optional('caseId'),
    senderOrgId: asString(o.senderOrgId, `${what}.senderOrgId`),
    partnerOrgId: asString(o.partnerOrgId, `${what}.partnerOrgId`),
    purpose: asString(o.purpose, `${what}.purpose`),
    sections,
    status: status as ReferralStatus,
    teaser,
    respondBy: asString(o.respondBy, `${what}.respondBy`),
    createdAt: asString(o.createdAt, `${what}.createdAt`),
    updatedAt: asString(o.updatedAt, `${what}.updatedAt`),
    version: asInteger(o.version, `${what}.version`),
    ...optional('acceptedAt'),
    ...optional('endedAt'),
    ...optional('endReason'),
  };
}
