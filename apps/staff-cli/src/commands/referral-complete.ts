import { requiredChoice, requiredReferralId } from '../args/referral-options';
import { COMPLETION_OUTCOMES, referralAction } from '../api/referrals-api';
import { type Command, json } from './command';

export const referralComplete: Command = {
  name: 'referral complete',
  summary: 'Close an accepted referral (partner) with its outcome; its capacity unit is free again.',
  options: [
    { flags: '--referral <referralId>', description: 'the referral', required: true },
    { flags: '--outcome <outcome>', description: COMPLETION_OUTCOMES.join(', '), required: true },
  ],
  arguments: [],
  async run({ values }, context) {
    const referralId = requiredReferralId(values);
    const outcome = requiredChoice(values, 'outcome', COMPLETION_OUTCOMES);
    return json(await referralAction(context.intake(), referralId, 'complete', { outcome }));
  },
};
