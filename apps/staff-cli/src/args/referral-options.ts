import { CryptoError, requireReferralId } from '@app/crypto';
import { type OptionValues } from '../cli-types';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { optionalString, requiredString } from './option-values';

/** An option whose value must be one of a closed list (a status, a reason, a service). */
export function optionalChoice<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = optionalString(values, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw new CliError(CLI_ERROR_CODES.USAGE, `--${name}: expected one of ${choices.join(', ')}`);
  return value as T;
}

export function requiredChoice<T extends string>(values: OptionValues, name: string, choices: readonly T[]): T {
  requiredString(values, name);
  return optionalChoice(values, name, choices) as T;
}

/** `--referral`: what newReferralId makes, checked before it goes into a URL. */
export function requiredReferralId(values: OptionValues): string {
  const value = requiredString(values, 'referral');
  try {
    return requireReferralId(value, '--referral');
  } catch (error) {
    if (error instanceof CryptoError)
      throw new CliError(CLI_ERROR_CODES.USAGE, '--referral: expected a referral id (ref_ and 22 characters)');
    throw error;
  }
}

/** A page size between 1 and `max`. */
export function optionalLimit(values: OptionValues, max: number): number | undefined {
  const raw = optionalString(values, 'limit');
  if (raw === undefined) return undefined;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > max)
    throw new CliError(CLI_ERROR_CODES.USAGE, `--limit: expected an integer from 1 to ${max}`);
  return limit;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `--respond-by`: an RFC 3339 time after now and at most `maxDays` ahead, sent in UTC. */
export function optionalRespondBy(values: OptionValues, now: Date, maxDays: number): string | undefined {
  const raw = optionalString(values, 'respond-by');
  if (raw === undefined) return undefined;
  const at = Date.parse(raw);
  if (!RFC3339.test(raw) || Number.isNaN(at))
    throw new CliError(CLI_ERROR_CODES.USAGE, '--respond-by: expected an RFC 3339 time, e.g. 2026-12-20T17:00:00Z');
  if (at <= now.getTime()) throw new CliError(CLI_ERROR_CODES.USAGE, '--respond-by: must be in the future');
  if (at > now.getTime() + maxDays * DAY_MS)
    throw new CliError(CLI_ERROR_CODES.USAGE, `--respond-by: at most ${maxDays} days ahead`);
  return new Date(at).toISOString();
}
