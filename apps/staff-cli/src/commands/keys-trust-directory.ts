import { normalizeFingerprint } from '@app/crypto';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const keysTrustDirectory: Command = {
  name: 'keys trust-directory',
  summary:
    "Trust the key directory's current signing key and log, after this CLI refused a changed key or a rewritten " +
    "log and the directory's operators confirmed the change. Organizations' pins are kept and checked again.",
  note: 'The fingerprint is the directory key fingerprint keys show prints under directory.keyFingerprint.',
  options: [],
  arguments: [{ name: 'fingerprint', description: "the directory's key fingerprint, confirmed by its operators" }],
  async run({ positionals }, context) {
    const fingerprint = normalizeFingerprint(positionals[0] ?? '');
    if (!fingerprint) throw new CliError(CLI_ERROR_CODES.USAGE, 'fingerprint: expected 32 hex digits');
    const { size } = await context.directory().trustDirectory(fingerprint);
    return json({ directory: { keyFingerprint: fingerprint, size } });
  },
};
