import { requiredReferralId } from '../args/referral-options';
import { referralAction } from '../api/referrals-api';
import { type Command, json } from './command';

export const referralAccept: Command = {
  name: 'referral accept',
  summary:
    "Accept a referral (partner): intake releases the sections' keys sealed to this organization; read them with " +
    'section get --purpose <the referral purpose>.',
  note:
    'Refused with REFERRAL.NO_CAPACITY when the directory capacity is used up, REFERRAL.NOT_OPEN when it is ' +
    'not requested any more.',
  options: [{ flags: '--referral <referralId>', description: 'the referral', required: true }],
  arguments: [],
  async run({ values }, context) {
    return json(await referralAction(context.intake(), requiredReferralId(values), 'accept'));
  },
};
