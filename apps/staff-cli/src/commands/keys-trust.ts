import { normalizeFingerprint } from '@app/crypto';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const keysTrust: Command = {
  name: 'keys trust',
  summary:
    "Trust an organization's keys by the fingerprint its people read to you (keys show on their side): after a " +
    'change this CLI refused, or before first use instead of trusting the directory.',
  note:
    'The fingerprint is the record fingerprint keys show prints ("9c1e 4b07 ..."; spaces and case do not matter). ' +
    'Pins live beside the keyfile (--keyfile or REFUGIO_KEYFILE).',
  options: [],
  arguments: [
    { name: 'orgId', description: 'the organization' },
    { name: 'fingerprint', description: 'its key fingerprint, compared out of band' },
  ],
  async run({ positionals }, context) {
    const orgId = positionals[0] ?? '';
    const fingerprint = normalizeFingerprint(positionals[1] ?? '');
    if (!fingerprint) throw new CliError(CLI_ERROR_CODES.USAGE, 'fingerprint: expected 32 hex digits');
    const { trusted, current } = await context.directory().trustVersion(orgId, fingerprint);
    return json({ orgId, trusted: { ...trusted }, current: { ...current } });
  },
};
