import { requiredChoice, requiredReferralId } from '../args/referral-options';
import { DECLINE_REASONS, referralAction } from '../api/referrals-api';
import { type Command, json } from './command';

export const referralDecline: Command = {
  name: 'referral decline',
  summary: 'Decline a referral (partner), with a reason; intake deletes the keys sealed to this organization.',
  options: [
    { flags: '--referral <referralId>', description: 'the referral', required: true },
    { flags: '--reason <reason>', description: DECLINE_REASONS.join(', '), required: true },
  ],
  arguments: [],
  async run({ values }, context) {
    const referralId = requiredReferralId(values);
    const reason = requiredChoice(values, 'reason', DECLINE_REASONS);
    return json(await referralAction(context.intake(), referralId, 'decline', { reason }));
  },
};
