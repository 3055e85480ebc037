import { optionalString } from '../args/option-values';
import { optionalChoice, optionalLimit } from '../args/referral-options';
import { REFERRAL_BOXES, REFERRAL_STATUSES, listReferrals } from '../api/referrals-api';
import { type Command, json } from './command';

const MAX_PAGE = 100;

export const referralList: Command = {
  name: 'referral list',
  summary: "The organization's referrals, sent or received, newest first, one page at a time.",
  options: [
    { flags: '--box <box>', description: 'sent or received (default: both, as intake lists them)' },
    { flags: '--status <status>', description: REFERRAL_STATUSES.join(', ') },
    { flags: '--limit <n>', description: `page size, 1 to ${MAX_PAGE}` },
    { flags: '--cursor <cursor>', description: 'nextCursor of the previous page' },
  ],
  arguments: [],
  async run({ values }, context) {
    const box = optionalChoice(values, 'box', REFERRAL_BOXES);
    const status = optionalChoice(values, 'status', REFERRAL_STATUSES);
    const limit = optionalLimit(values, MAX_PAGE);
    const cursor = optionalString(values, 'cursor');
    const page = await listReferrals(context.intake(), {
      ...(box ? { box } : {}),
      ...(status ? { status } : {}),
      ...(limit === undefined ? {} : { limit }),
      ...(cursor ? { cursor } : {}),
    });
    return json({ items: [...page.items], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  },
};
