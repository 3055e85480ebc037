// The referral part of the fake intake (the contract of POST
// /cases/:id/referrals and /referrals/...): the sender's envelopes for the
// partner are held until it accepts, then released into the case's sections;
// capacity is taken from the provider directory. Not a specification of
// intake, only enough of its rules for the staff CLI's tests.
import {
  type KeyEnvelope,
  type OrgPublicKeyRecord,
  type SealedReferralNote,
  type SectionName,
  isSectionName,
  parseEnvelope,
  parseSealedReferralNote,
  requireReferralId,
} from '@app/crypto';
import { NEED_CATEGORIES } from '@app/contracts';
import { activeGrants, type FakeCase } from './fake-case';
import { type FakeRequest, problem } from './fake-http';
import { type FakeProviderDirectory } from './fake-provider-directory';

const DAY_MS = 24 * 60 * 60 * 1000;
const DECLINE_REASONS = ['no_capacity', 'outside_scope', 'conflict_of_interest', 'language_unavailable', 'other'];
const OUTCOMES = [
  'representation_provided',
  'services_provided',
  'client_declined',
  'client_unreachable',
  'transferred',
  'other',
];
const BODY_FIELDS = [
  'referralId',
  'partnerOrgId',
  'purpose',
  'sections',
  'needCategory',
  'respondBy',
  'note',
  'envelopes',
];

export type FakeReferral = {
  referralId: string;
  caseId: string;
  senderOrgId: string;
  partnerOrgId: string;
  purpose: string;
  sections: SectionName[];
  status: 'requested' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'completed';
  teaser: { needCategory: string; regionCode: string; languages: string[]; urgency: string; note?: SealedReferralNote };
  respondBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  acceptedAt?: string;
  endedAt?: string;
  endReason?: string;
  /** Held until acceptance; never shown. */
  envelopes: KeyEnvelope[];
};

export class FakeReferrals {
  readonly referrals = new Map<string, FakeReferral>();
  /** The fake's clock; tests move it to expire referrals. */
  now = (): number => Date.now();

  constructor(
    private readonly ring: (orgId: string) => OrgPublicKeyRecord[],
    private readonly providers: FakeProviderDirectory,
    private readonly caseOf: (caseId: string) => FakeCase | undefined,
  ) {}

  create(r: FakeRequest, c: FakeCase, caseId: string): unknown {
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (Object.keys(body).some((k) => !BODY_FIELDS.includes(k))) throw problem(400, 'VALIDATION.FAILED');
    const referralId = this.valid(() => requireReferralId(body.referralId, 'referralId'));
    if (this.referrals.has(referralId)) throw problem(409, 'REFERRAL.ALREADY_EXISTS');
    const partnerOrgId = typeof body.partnerOrgId === 'string' ? body.partnerOrgId : '';
    if (partnerOrgId === c.ownerOrgId) throw problem(422, 'REFERRAL.PARTNER_IS_SENDER');
    const partnerKey = this.ring(partnerOrgId).at(-1) as OrgPublicKeyRecord;
    const purpose = typeof body.purpose === 'string' ? body.purpose : '';
    const sections = Array.isArray(body.sections) ? (body.sections as unknown[]) : [];
    if (sections.length === 0 || !sections.every(isSectionName) || new Set(sections).size !== sections.length)
      throw problem(400, 'VALIDATION.FAILED');
    if (!(NEED_CATEGORIES as readonly unknown[]).includes(body.needCategory)) throw problem(400, 'VALIDATION.FAILED');
    const now = this.now();
    const respondBy =
      body.respondBy === undefined
        ? now + 7 * DAY_MS
        : typeof body.respondBy === 'string'
          ? Date.parse(body.respondBy)
          : NaN;
    if (Number.isNaN(respondBy) || respondBy <= now || respondBy > now + 30 * DAY_MS)
      throw problem(400, 'REFERRAL.INVALID_DEADLINE');
    const note = body.note === undefined ? undefined : this.valid(() => parseSealedReferralNote(body.note));
    if (note && (note.recipientOrgId !== partnerOrgId || note.recipientKeyId !== partnerKey.encryptionKeyId))
      throw problem(422, 'REFERRAL.NOTE_RECIPIENT_MISMATCH');
    const envelopes = (Array.isArray(body.envelopes) ? (body.envelopes as unknown[]) : []).map((e) =>
      this.valid(() => parseEnvelope(e)),
    );
    if (envelopes.length !== sections.length) throw problem(422, 'REFERRAL.ENVELOPES_MISMATCH');
    const grants = activeGrants(c);
    for (const section of sections) {
      const stored = c.sections.get(section);
      if (!stored) throw problem(422, 'REFERRAL.SECTION_MISSING');
      const matching = envelopes.filter((e) => e.section === section);
      const e = matching[0];
      if (matching.length !== 1 || !e) throw problem(422, 'REFERRAL.ENVELOPES_MISMATCH');
      if (e.caseId !== caseId || e.keyVersion !== stored.record.keyVersion || stored.rotationRequired)
        throw problem(422, 'ENVELOPE.CONTEXT_MISMATCH');
      if (e.recipientOrgId !== partnerOrgId || e.recipientKeyId !== partnerKey.encryptionKeyId)
        throw problem(422, 'ENVELOPE.RECIPIENT_KEY_MISMATCH');
      const covered = grants.some(
        (g) =>
          g.consentId === e.consentId &&
          g.orgId === partnerOrgId &&
          g.sections.includes(section) &&
          g.purposes.includes(purpose),
      );
      if (!covered) throw problem(403, 'ENVELOPE.NO_ACTIVE_GRANT');
    }
    const routing = (c.routing ?? {}) as { regionCode?: string; languages?: string[]; urgency?: string };
    const at = new Date(now).toISOString();
    const referral: FakeReferral = {
      referralId,
      caseId,
      senderOrgId: c.ownerOrgId,
      partnerOrgId,
      purpose,
      sections,
      status: 'requested',
      teaser: {
        needCategory: String(body.needCategory),
        regionCode: routing.regionCode ?? '',
        languages: routing.languages ?? [],
        urgency: routing.urgency ?? '',
        ...(note ? { note } : {}),
      },
      respondBy: new Date(respondBy).toISOString(),
      createdAt: at,
      updatedAt: at,
      version: 1,
      envelopes,
    };
    this.referrals.set(referralId, referral);
    return this.view(referral, r);
  }

  list(r: FakeRequest): unknown {
    const org = r.caller?.org;
    const box = r.query.get('box');
    const status = r.query.get('status');
    const limit = Number(r.query.get('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw problem(400, 'VALIDATION.FAILED');
    const offset = Number(/^o(\d+)$/.exec(r.query.get('cursor') ?? 'o0')?.[1] ?? NaN);
    if (Number.isNaN(offset)) throw problem(400, 'REFERRAL.INVALID_CURSOR');
    const mine = [...this.referrals.values()]
      .map((ref) => this.expire(ref))
      .filter((ref) => (box !== 'received' && ref.senderOrgId === org) || (box !== 'sent' && ref.partnerOrgId === org))
      .filter((ref) => !status || ref.status === status)
      .reverse();
    return {
      items: mine.slice(offset, offset + limit).map((ref) => this.view(ref, r)),
      ...(offset + limit < mine.length ? { nextCursor: `o${offset + limit}` } : {}),
    };
  }

  get(r: FakeRequest, referralId: string): unknown {
    return this.view(this.party(r, referralId), r);
  }

  accept(r: FakeRequest, referralId: string): unknown {
    const ref = this.party(r, referralId, 'partner');
    if (ref.status !== 'requested') throw problem(409, 'REFERRAL.NOT_OPEN');
    if (!this.providers.take(ref.partnerOrgId, ref.referralId)) throw problem(409, 'REFERRAL.NO_CAPACITY');
    const c = this.caseOf(ref.caseId);
    for (const e of ref.envelopes) {
      const stored = c?.sections.get(e.section);
      // A section rotated since the referral was made: its old key opens nothing new, so it is not released.
      if (!stored || stored.record.keyVersion !== e.keyVersion) continue;
      stored.envelopes = [...stored.envelopes.filter((s) => s.recipientOrgId !== e.recipientOrgId), e];
    }
    ref.envelopes = [];
    return this.update(ref, r, { status: 'accepted', acceptedAt: new Date(this.now()).toISOString() });
  }

  decline(r: FakeRequest, referralId: string): unknown {
    const ref = this.party(r, referralId, 'partner');
    const reason = (r.body as { reason?: unknown } | undefined)?.reason;
    if (typeof reason !== 'string' || !DECLINE_REASONS.includes(reason)) throw problem(400, 'VALIDATION.FAILED');
    if (ref.status !== 'requested') throw problem(409, 'REFERRAL.NOT_OPEN');
    return this.end(ref, r, 'declined', reason);
  }

  withdraw(r: FakeRequest, referralId: string): unknown {
    const ref = this.party(r, referralId, 'sender');
    if (ref.status !== 'requested' && ref.status !== 'accepted') throw problem(409, 'REFERRAL.NOT_OPEN');
    return this.end(ref, r, 'withdrawn', 'withdrawn_by_sender');
  }

  complete(r: FakeRequest, referralId: string): unknown {
    const ref = this.party(r, referralId, 'partner');
    const outcome = (r.body as { outcome?: unknown } | undefined)?.outcome;
    if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) throw problem(400, 'VALIDATION.FAILED');
    if (ref.status !== 'accepted') throw problem(409, 'REFERRAL.NOT_OPEN');
    return this.end(ref, r, 'completed', outcome);
  }

  private end(ref: FakeReferral, r: FakeRequest, status: FakeReferral['status'], reason: string): unknown {
    ref.envelopes = [];
    this.providers.release(ref.partnerOrgId, ref.referralId);
    return this.update(ref, r, { status, endedAt: new Date(this.now()).toISOString(), endReason: reason });
  }

  private update(ref: FakeReferral, r: FakeRequest, change: Partial<FakeReferral>): unknown {
    Object.assign(ref, change, { version: ref.version + 1, updatedAt: new Date(this.now()).toISOString() });
    return this.view(ref, r);
  }

  /** The referral if the caller is a party to it (in that role, when given); 404 otherwise, as for any unknown id. */
  private party(r: FakeRequest, referralId: string, role?: 'sender' | 'partner'): FakeReferral {
    const ref = this.referrals.get(referralId);
    const org = r.caller?.org;
    if (!ref || (ref.senderOrgId !== org && ref.partnerOrgId !== org)) throw problem(404, 'REFERRAL.NOT_FOUND');
    if (role === 'sender' && ref.senderOrgId !== org) throw problem(404, 'REFERRAL.NOT_FOUND');
    if (role === 'partner' && ref.partnerOrgId !== org) throw problem(404, 'REFERRAL.NOT_FOUND');
    return this.expire(ref);
  }

  private expire(ref: FakeReferral): FakeReferral {
    if (ref.status === 'requested' && Date.parse(ref.respondBy) <= this.now()) {
      Object.assign(ref, { status: 'expired', endedAt: ref.respondBy, envelopes: [], version: ref.version + 1 });
    }
    return ref;
  }

  private view(ref: FakeReferral, r: FakeRequest): unknown {
    const { envelopes: _held, caseId, ...rest } = ref;
    const teaserOnly = r.caller?.org === ref.partnerOrgId && ref.acceptedAt === undefined;
    return { ...rest, ...(teaserOnly ? {} : { caseId }) };
  }

  private valid<T>(parse: () => T): T {
    try {
      return parse();
    } catch {
      throw problem(400, 'VALIDATION.FAILED');
    }
  }
}
