import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

// Shape checks for intake's answers. Intake is not trusted with content (the
// SDK verifies signatures); these only make sure the CLI reads what it
// expects instead of crashing on undefined.

export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unexpected(what, 'an object');
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw unexpected(what, 'an array');
  return value as readonly unknown[];
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw unexpected(what, 'a string');
  return value;
}

export function asInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw unexpected(what, 'an integer');
  return value;
}

export function optionalString(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : asString(value, what);
}

function unexpected(what: string, expected: string): CliError {
  return new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, `intake response ${what}: expected ${expected}`);
}
