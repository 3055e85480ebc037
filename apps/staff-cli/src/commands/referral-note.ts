import { openReferralNote } from '@app/crypto';
import { requiredReferralId } from '../args/referral-options';
import { getReferral } from '../api/referrals-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const referralNote: Command = {
  name: 'referral note',
  summary:
    "Open a referral's teaser note (partner): decrypted with this organization's keys, and refused if it was " +
    'sealed for another referral or sender.',
  options: [{ flags: '--referral <referralId>', description: 'the referral', required: true }],
  arguments: [],
  async run({ values }, context) {
    const referralId = requiredReferralId(values);
    const { ring, current } = await context.keyRing();
    const referral = await getReferral(context.intake(), referralId);
    if (referral.referralId !== referralId)
      throw new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, 'intake answered with another referral than asked');
    if (referral.partnerOrgId !== current.orgId)
      throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, 'only the partner of a referral can open its note');
    const sealed = referral.teaser.note;
    // The referral asked for and our own organization, not intake's word, are what the note must be bound to.
    const note =
      sealed === undefined
        ? null
        : openReferralNote(sealed, ring, {
            referralId,
            senderOrgId: referral.senderOrgId,
            partnerOrgId: current.orgId,
          });
    return json({ referralId, senderOrgId: referral.senderOrgId, partnerOrgId: current.orgId, note });
  },
};
