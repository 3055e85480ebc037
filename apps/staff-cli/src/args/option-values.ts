import { type OptionValues } from '../cli-types';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

// Typed reads of option values: commander hands back whatever it parsed, so each command says what it expects.

export function requiredString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0)
    throw new CliError(CLI_ERROR_CODES.USAGE, `--${name} is required`);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0)
    throw new CliError(CLI_ERROR_CODES.USAGE, `--${name} needs a value`);
  return value;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A comma-separated option (`--purpose-recipients a,b`), each item checked by `accept`. */
export function optionalList<T extends string>(
  values: OptionValues,
  name: string,
  accept: (item: string) => item is T,
): T[] | undefined {
  const raw = optionalString(values, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new CliError(CLI_ERROR_CODES.USAGE, `--${name} needs at least one value`);
  const bad = items.find((item) => !accept(item));
  if (bad !== undefined) throw new CliError(CLI_ERROR_CODES.USAGE, `--${name}: an item is not an accepted value`);
  return items as T[];
}
