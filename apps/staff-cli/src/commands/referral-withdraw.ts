import { requiredReferralId } from '../args/referral-options';
import { referralAction } from '../api/referrals-api';
import { type Command, json } from './command';

export const referralWithdraw: Command = {
  name: 'referral withdraw',
  summary: 'Withdraw a referral this organization sent; intake deletes the keys it held for the partner.',
  options: [{ flags: '--referral <referralId>', description: 'the referral', required: true }],
  arguments: [],
  async run({ values }, context) {
    return json(await referralAction(context.intake(), requiredReferralId(values), 'withdraw'));
  },
};
