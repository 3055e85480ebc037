import { type KeyEnvelope, parseEnvelope } from '@app/crypto';
import { type CaseSection } from '@app/contracts';
import { INTAKE_ERRORS } from '../../intake-errors';
import { checkedInput } from '../../cases/application/crypto-input';
import { activeGrantFor } from '../../cases/domain/grants';
import { type Grant } from '../../cases/domain/protected-content';
import { type KeyDirectory } from '../../key-directory/key-directory.service';

export const MAX_ENVELOPES = 50;

export interface EnvelopeTarget {
  caseId: string;
  section: CaseSection;
  keyVersion: number;
  ownerOrgId: string;
  grants: readonly Grant[];
  /** Partners whose accepted referral released the case to them (their `disclose` grants then count). */
  disclosedTo: readonly string[];
  now: Date;
}

/** Envelopes a referral holds for its partner: checked like any other, but not yet disclosed to it. */
export interface CheckOptions {
  readonly heldForReferral?: boolean;
}

/**
 * The server accepts an envelope only for the owner or an organization with
 * an active grant for the section, sealed to that organization's registered
 * key, for exactly this case, section and key version. Anything else would
 * let a data key reach someone the client never consented to.
 */
export async function checkEnvelopes(
  input: unknown,
  target: EnvelopeTarget,
  directory: KeyDirectory,
  options: CheckOptions = {},
): Promise<KeyEnvelope[]> {
  if (!Array.isArray(input)) throw INTAKE_ERRORS.error('ENVELOPE.MALFORMED', 'envelopes must be an array');
  if (input.length > MAX_ENVELOPES)
    throw INTAKE_ERRORS.error('ENVELOPE.TOO_MANY', `at most ${MAX_ENVELOPES} envelopes per request`);
  const envelopes = await checkedInput(() => input.map((value) => parseEnvelope(value)));
  const recipients = envelopes.map((envelope) => envelope.recipientOrgId);
  if (new Set(recipients).size !== recipients.length)
    throw INTAKE_ERRORS.error('ENVELOPE.DUPLICATE_RECIPIENT', 'one envelope per recipient organization');

  for (const envelope of envelopes) {
    if (
      envelope.caseId !== target.caseId ||
      envelope.section !== target.section ||
      envelope.keyVersion !== target.keyVersion
    ) {
      throw INTAKE_ERRORS.error('ENVELOPE.CONTEXT_MISMATCH', 'an envelope names another case, section or key version');
    }
    if (envelope.recipientOrgId === target.ownerOrgId) continue;
    const grant = activeGrantFor(target.grants, envelope.recipientOrgId, target.section, undefined, target.now);
    if (!grant)
      throw INTAKE_ERRORS.error(
        'ENVELOPE.NO_ACTIVE_GRANT',
        'an envelope is addressed to an organization without an active grant for this section',
      );
    if (!options.heldForReferral && onlyThroughReferral(target, envelope.recipientOrgId)) {
      throw INTAKE_ERRORS.error(
        'ENVELOPE.HELD_FOR_REFERRAL',
        "the recipient's grants for this section disclose it through a referral only: refer the case, and intake " +
          'releases the keys when the partner accepts',
      );
    }
    if (
      envelope.consentId !== undefined &&
      envelope.consentId !== grant.consentId &&
      !hasGrantFromConsent(target, envelope.recipientOrgId, envelope.consentId)
    ) {
      throw INTAKE_ERRORS.error(
        'ENVELOPE.CONSENT_MISMATCH',
        'an envelope names a consent that grants its recipient nothing here',
      );
    }
  }

  const keys = await directory.currentRecords(recipients);
  if (envelopes.some((envelope) => keys.get(envelope.recipientOrgId)?.encryptionKeyId !== envelope.recipientKeyId)) {
    throw INTAKE_ERRORS.error(
      'ENVELOPE.RECIPIENT_KEY_MISMATCH',
      "an envelope is not sealed to its recipient's current registered key",
    );
  }
  return envelopes;
}

/**
 * Whether every active grant of the section to the organization is a
 * `disclose` grant and no accepted referral released the case to it yet:
 * then its keys go only through a referral (staged disclosure).
 */
function onlyThroughReferral(target: EnvelopeTarget, orgId: string): boolean {
  if (target.disclosedTo.includes(orgId)) return false;
  return !target.grants.some(
    (grant) =>
      (grant.action ?? 'access') === 'access' &&
      activeGrantFor([grant], orgId, target.section, undefined, target.now) !== undefined,
  );
}

function hasGrantFromConsent(target: EnvelopeTarget, orgId: string, consentId: string): boolean {
  return target.grants.some(
    (grant) =>
      grant.consentId === consentId &&
      activeGrantFor([grant], orgId, target.section, undefined, target.now) !== undefined,
  );
}
