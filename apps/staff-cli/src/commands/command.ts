import { type JsonValue } from '@app/crypto';
import { type CliContext } from '../context/cli-context';
import { type CommandInput, type CommandOutput, type OptionSpecs } from '../cli-types';

/** One CLI command: its words (`section put`), its options, and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Options and positionals after the command's words, for the usage text. */
  readonly usage: string;
  readonly options: OptionSpecs;
  /** Names of the positional arguments it requires, in order. */
  readonly positionals: readonly string[];
  run(input: CommandInput, context: CliContext): Promise<CommandOutput>;
}

export function json(value: JsonValue): CommandOutput {
  return { kind: 'json', value };
}
