import { parseArgs } from 'node:util';
import { type CommandInput, type OptionSpecs } from '../cli-types';
import { type Command } from '../commands/command';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { GLOBAL_OPTIONS } from './global-options';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command?: Command }
  | { readonly kind: 'run'; readonly command: Command; readonly input: CommandInput };

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
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: attachValues(argv.slice(2), options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(CLI_ERROR_CODES.USAGE, `${command.name}: ${describeParseError(error)}`);
  }
  if (parsed.values.help === true) return { kind: 'help', command };
  if (parsed.positionals.length !== command.positionals.length) {
    throw new CliError(
      CLI_ERROR_CODES.USAGE,
      `${command.name}: expected ${command.positionals.map((p) => `<${p}>`).join(' ') || 'no positional arguments'}`,
    );
  }
  return { kind: 'run', command, input: { values: parsed.values, positionals: parsed.positionals } };
}

/**
 * `--consent -Xy...` as `--consent=-Xy...`: ids are base64url and may start
 * with a dash, which parseArgs would otherwise take for an option. A string
 * option always takes the next word as its value.
 */
export function attachValues(args: readonly string[], options: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && next.startsWith('-')) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

// Node's messages for these two name the option, never its value; other
// messages (an unexpected positional) quote the argument, so they are not passed on.
// Matched by code, not instanceof: the error may come from another realm (jest).
function describeParseError(error: unknown): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const safe = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
  return safe && typeof message === 'string'
    ? (message.split('\n')[0] ?? '').replace(/\. To specify .*$/, '')
    : 'invalid arguments';
}
