import { requiredReferralId } from '../args/referral-options';
import { getReferral } from '../api/referrals-api';
import { type Command, json } from './command';

export const referralShow: Command = {
  name: 'referral show',
  summary: 'One referral: its state and teaser (the partner sees the case id only once it accepts).',
  options: [{ flags: '--referral <referralId>', description: 'the referral', required: true }],
  arguments: [],
  async run({ values }, context) {
    return json(await getReferral(context.intake(), requiredReferralId(values)));
  },
};
