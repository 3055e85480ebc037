import { parseArgs } from 'node:util';
import { type CommandInput } from '../cli-types';
import { type Command } from '../commands/command';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { GLOBAL_OPTIONS } from './global-options';

export type ParsedCommandLine = { readonly kind: 'help'; readonly command?: Command } | { readonly kind: 'run'; readonly command: Command; readonly input: CommandInput };

/**
 * Picks the command from its words (`keys init`, `section put`, ...) and
 * parses the rest strictly: an unknown option, a missing value or an extra
 * positional is a usage error, never silently ignored.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  const words = argv.slice(0, 2).join(' ');
  const command = commands.find((c) => c.name === words);
  if (!command) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
    throw new CliError(CLI_ERROR_CODES.USAGE, 'unknown command; run with --help for the list');
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv.slice(2)], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message names the option, never a value; keep it for the user.
    throw new CliError(CLI_ERROR_CODES.USAGE, `${command.name}: ${error instanceof Error ? error.message : 'invalid arguments'}`);
  }
  if (parsed.values.help === true) return { kind: 'help', command };
  if (parsed.positionals.length !== command.positionals.length) {
    throw new CliError(CLI_ERROR_CODES.USAGE, `${command.name}: expected ${command.positionals.map((p) => `<${p}>`).join(' ') || 'no positional arguments'}`);
  }
  return { kind: 'run', command, input: { values: parsed.values, positionals: parsed.positionals } };
}
