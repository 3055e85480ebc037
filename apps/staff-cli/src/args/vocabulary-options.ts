import { PURPOSES, type Purpose, type SectionName, isSectionName } from '@app/crypto';
import { type OptionValues } from '../cli-types';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { requiredString } from './option-values';

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

export function requiredSection(values: OptionValues, name = 'section'): SectionName {
  const value = requiredString(values, name);
  if (!isSectionName(value)) throw new CliError(CLI_ERROR_CODES.USAGE, `--${name}: not a section of the catalog`);
  return value;
}

export function requiredPurpose(values: OptionValues, name = 'purpose'): Purpose {
  const value = requiredString(values, name);
  if (!isPurpose(value)) throw new CliError(CLI_ERROR_CODES.USAGE, `--${name}: expected one of ${PURPOSES.join(', ')}`);
  return value;
}
