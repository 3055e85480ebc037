import { Inject, Injectable } from '@nestjs/common';
import { REFERRAL_DEFAULT_RESPONSE_DAYS, REFERRAL_MAX_RESPONSE_DAYS } from '@app/contracts';
import { type DomainError } from '@app/errors';
import { OUTBOX_NOTIFIER, type OutboxNotifier } from '@app/messaging';
import { parseSealedReferralNote } from '@app/crypto';
import { INTAKE_ERRORS } from '../../intake-errors';
import { ownerScope } from '../../cases/domain/case-scope';
import { CaseRepository } from '../../cases/persistence/case.repository';
import { caseClosed, caseNotFound } from '../../cases/application/case-errors';
import { originOf } from '../../cases/application/event-origin';
import { KeyDirectory } from '../../key-directory/key-directory.service';
import { checkEnvelopes } from '../../sections/application/check-envelopes';
import { checkedInput } from '../../cases/application/crypto-input';
import { ProviderDirectoryRepository } from '../../provider-directory/persistence/provider-directory.repository';
import { type Referral } from '../domain/referral';
import { missingGrants } from '../domain/referral-coverage';
import { ReferralRepository } from '../persistence/referral.repository';
import { CaseDisclosureRepository } from '../persistence/case-disclosure.repository';
import { type ReferralRequest } from './referral-input';
import { consentMissing } from './referral-errors';
import { requestedEvent } from './referral-events';

const DAY_MS = 86_400_000;

const refused = (code: Parameters<typeof INTAKE_ERRORS.error>[0], detail: string): DomainError =>
  INTAKE_ERRORS.error(code, detail);

/**
 * A referral request: checked against the directory, the case, the client's
 * consent and the partner's keys, then stored with the envelopes it holds
 * back until the partner accepts. Nothing is stored when any check fails.
 */
@Injectable()
export class CreateReferral {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly cases: CaseRepository,
    private readonly protectedCases: CaseDisclosureRepository,
    private readonly directory: ProviderDirectoryRepository,
    private readonly keys: KeyDirectory,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  async execute(senderOrgId: string, caseId: string, body: ReferralRequest, correlationId: string): Promise<Referral> {
    const now = new Date();
    const { partnerOrgId, purpose, sections } = body;
    if (partnerOrgId === senderOrgId)
      throw refused('REFERRAL.PARTNER_IS_SENDER', 'a case is not referred to its owner');
    const respondBy = deadlineOf(body.respondBy, now);

    const scope = ownerScope(senderOrgId);
    const found = await this.cases.find(scope, caseId);
    if (!found) throw caseNotFound();
    if (found.status !== 'open') throw caseClosed();
    if (!found.routing.needCategories.includes(body.needCategory))
      throw refused('REFERRAL.NEED_NOT_ROUTED', "the need category is not one of the case's routing");

    const entry = await this.directory.findAny(partnerOrgId);
    if (!entry?.listed) throw refused('REFERRAL.PARTNER_NOT_LISTED', 'the partner has no listed directory entry');
    if (!entry.acceptingReferrals)
      throw refused('REFERRAL.PARTNER_NOT_ACCEPTING', "the partner's directory entry takes no referrals now");

    const protectedCase = await this.protectedCases.load(scope, caseId);
    if (!protectedCase) throw caseNotFound();
    const missing = missingGrants(protectedCase.grants, partnerOrgId, purpose, sections, now);
    if (missing.length > 0) throw consentMissing(missing);

    const heldEnvelopes = [];
    if (body.envelopes.length !== sections.length)
      throw refused('REFERRAL.ENVELOPES_MISMATCH', 'one envelope per listed section');
    for (const section of sections) {
      const stored = protectedCase.sections[section];
      if (!stored || stored.rotationRequired)
        throw refused('REFERRAL.SECTION_MISSING', `${section} has no content to share, or must rotate its key first`);
      const candidates = body.envelopes.filter((value) => isFor(value, section));
      if (candidates.length !== 1 || !isFor(candidates[0], section, partnerOrgId))
        throw refused('REFERRAL.ENVELOPES_MISMATCH', `the envelope for ${section} is missing or not the partner's`);
      const [envelope] = await checkEnvelopes(
        candidates,
        {
          caseId,
          section,
          keyVersion: stored.keyVersion,
          ownerOrgId: senderOrgId,
          grants: protectedCase.grants,
          disclosedTo: protectedCase.referralDisclosures ?? [],
          now,
        },
        this.keys,
        { heldForReferral: true },
      );
      if (!envelope) throw refused('REFERRAL.ENVELOPES_MISMATCH', `the envelope for ${section} is missing`);
      heldEnvelopes.push(envelope);
    }

    if (body.note) {
      // The SDK's own strict parser: the shape and size bounds its sealReferralNote keeps.
      const note = body.note;
      await checkedInput(() => parseSealedReferralNote(note));
      const partnerKeys = (await this.keys.currentRecords([partnerOrgId])).get(partnerOrgId);
      if (body.note.recipientOrgId !== partnerOrgId || partnerKeys?.encryptionKeyId !== body.note.recipientKeyId)
        throw refused('REFERRAL.NOTE_RECIPIENT_MISMATCH', "the note is not sealed to the partner's current key");
    }

    const referral: Referral = {
      referralId: body.referralId,
      caseId,
      senderOrgId,
      partnerOrgId,
      purpose,
      sections,
      teaser: {
        needCategory: body.needCategory,
        regionCode: found.routing.regionCode,
        languages: found.routing.languages,
        urgency: found.routing.urgency,
        ...(body.note ? { note: { ...body.note } } : {}),
      },
      status: 'requested',
      version: 1,
      createdAt: now,
      updatedAt: now,
      respondBy,
      heldEnvelopes,
    };
    const stored = await this.referrals.insert(referral, requestedEvent(referral, originOf(correlationId)));
    if (stored === 'id_taken')
      throw refused('REFERRAL.ALREADY_EXISTS', 'a referral with that id exists; make a new id');
    if (stored === 'already_open') throw alreadyOpen();
    this.outbox.notify();
    return referral;
  }
}

/** Whether an envelope, not yet parsed, names the section (and the recipient, when given). */
function isFor(value: unknown, section: string, recipientOrgId?: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const named = value as { section?: unknown; recipientOrgId?: unknown };
  return named.section === section && (recipientOrgId === undefined || named.recipientOrgId === recipientOrgId);
}

function deadlineOf(respondBy: Date | undefined, now: Date): Date {
  if (respondBy === undefined) return new Date(now.getTime() + REFERRAL_DEFAULT_RESPONSE_DAYS * DAY_MS);
  if (respondBy <= now || respondBy.getTime() - now.getTime() > REFERRAL_MAX_RESPONSE_DAYS * DAY_MS)
    throw refused(
      'REFERRAL.INVALID_DEADLINE',
      `respondBy must be in the future and at most ${REFERRAL_MAX_RESPONSE_DAYS} days ahead`,
    );
  return respondBy;
}

function alreadyOpen(): DomainError {
  return refused('REFERRAL.ALREADY_OPEN', 'the case has an open referral to that partner');
}
