import { type Command as Commander, type CommanderError } from 'commander';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

/** commander's messages that name only what the CLI declares (options, arguments), never what was typed. */
const DECLARED_NAMES_ONLY = new Set([
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.conflictingOption',
]);

/**
 * A commander usage error as the CLI's own: CLI.USAGE, commander's message after the command's words
 * (`keys init: unknown option '--passphrase'`). Where commander would quote what was typed (an option's
 * `=value`, extra arguments, an unknown command), that is cut: a mistyped line may hold an id or a secret, and
 * stderr ends up in logs.
 */
export function usageError(error: CommanderError, raisedBy: Commander): CliError {
  const words = wordsOf(raisedBy);
  const message = describe(error, raisedBy);
  return new CliError(CLI_ERROR_CODES.USAGE, words ? `${words}: ${message}` : message);
}

function describe(error: CommanderError, raisedBy: Commander): string {
  const message = error.message.replace(/^error: /, '');
  if (DECLARED_NAMES_ONLY.has(error.code)) return message;
  switch (error.code) {
    case 'commander.help':
      // A group (`keys`) without its subcommand: commander shows the group's help as an error.
      return `expected a command: ${raisedBy.commands.map((c) => c.name()).join(', ')}`;
    case 'commander.unknownOption':
      return message.replace(/^unknown option '([\s\S]*)'(?=\n\(Did you mean|$)/, (_, flag: string) => {
        return `unknown option '${optionName(flag)}'`;
      });
    case 'commander.unknownCommand':
      return message.replace(/^unknown command '([\s\S]*)'(?=\n\(Did you mean|$)/, (_, name: string) => {
        return /^[a-z][a-z0-9-]{0,31}$/i.test(name) ? `unknown command '${name}'` : 'unknown command';
      });
    case 'commander.excessArguments':
      // "... Expected 1 argument but got 2: a, b." — the arguments themselves are left out.
      return message.replace(/( but got \d+): [\s\S]*$/, '$1.');
    default:
      return 'invalid arguments';
  }
}

/** `--name=value` as `--name=<value>`, `-xVALUE` as `-x`: the option, not what came with it. */
function optionName(flag: string): string {
  if (!flag.startsWith('--')) return flag.slice(0, 2);
  const [name = '', ...value] = flag.split('=');
  return value.length > 0 ? `${name}=<value>` : name;
}

/** `keys init` for the leaf, `keys` for the group, '' for the program. */
function wordsOf(command: Commander): string {
  const words: string[] = [];
  for (let c: Commander | null = command; c?.parent; c = c.parent) words.unshift(c.name());
  return words.join(' ');
}
