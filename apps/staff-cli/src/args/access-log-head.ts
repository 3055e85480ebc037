import { type AccessLogHead } from '@app/crypto';
import { type OptionSpec, type OptionValues } from '../cli-types';
import { optionalString } from './option-values';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

export const EXPECT_HEAD_OPTION: OptionSpec = {
  flags: '--expect-head <seq:hash>',
  description: 'the newest entry an earlier check printed (newestHead): it must still be in the chain',
};

/**
 * `--expect-head <seq>:<hash>`: the newest entry seen on an earlier check. A
 * hash chain alone cannot show that its newest entries were cut off; an
 * entry remembered from before must still be there.
 */
export function expectedHead(values: OptionValues): AccessLogHead | undefined {
  const raw = optionalString(values, 'expect-head');
  if (raw === undefined) return undefined;
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{43})$/.exec(raw);
  if (!match) throw new CliError(CLI_ERROR_CODES.USAGE, '--expect-head: expected <seq>:<base64url hash>');
  return { seq: Number(match[1]), hash: match[2] ?? '' };
}
