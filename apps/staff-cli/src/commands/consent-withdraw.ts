import { type JsonValue } from '@app/crypto';
import { optionalString, requiredString } from '../args/option-values';
import { WITHDRAWAL_CHANNELS, type WithdrawalChannel, withdrawGrant } from '../api/consents-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const consentWithdraw: Command = {
  name: 'consent withdraw',
  summary:
    "Withdraw one organization's grant: intake deletes its envelopes and retires " +
    'the key versions it reached (the next section put rotates).',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--consent <consentId>', description: 'the consent that holds the grant', required: true },
    { flags: '--grantee <orgId>', description: 'the organization whose grant is withdrawn', required: true },
    { flags: '--channel <channel>', description: 'how the client withdrew: written, verbal or app (default: app)' },
  ],
  arguments: [],
  async run({ values }, context) {
    const channel = optionalString(values, 'channel') ?? 'app';
    if (!isChannel(channel))
      throw new CliError(CLI_ERROR_CODES.USAGE, `--channel: expected one of ${WITHDRAWAL_CHANNELS.join(', ')}`);
    const caseId = requiredString(values, 'case');
    const consentId = requiredString(values, 'consent');
    const granteeOrgId = requiredString(values, 'grantee');
    const grant = await withdrawGrant(context.intake(), caseId, consentId, granteeOrgId, channel);
    return json({ caseId, consentId, granteeOrgId, channel, withdrawn: true, grant: (grant ?? null) as JsonValue });
  },
};

function isChannel(value: string): value is WithdrawalChannel {
  return (WITHDRAWAL_CHANNELS as readonly string[]).includes(value);
}
