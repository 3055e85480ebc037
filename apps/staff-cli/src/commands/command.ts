import { type JsonValue } from '@app/crypto';
import { type CliContext } from '../context/cli-context';
import { type ArgumentSpec, type CommandInput, type CommandOutput, type OptionSpec } from '../cli-types';

/** One CLI command: its words (`section put`), its options and arguments, and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Shown after the options in the command's --help: what it reads from the environment. */
  readonly note?: string;
  readonly options: readonly OptionSpec[];
  /** Required positional arguments, in order; no more are accepted. */
  readonly arguments: readonly ArgumentSpec[];
  run(input: CommandInput, context: CliContext): Promise<CommandOutput>;
}

export function json(value: JsonValue): CommandOutput {
  return { kind: 'json', value };
}
