import { type CommanderError, type Command as Commander } from 'commander';
import { type CommandInput } from '../cli-types';
import { type Command } from '../commands/command';
import { buildProgram } from './build-program';
import { usageError } from './usage-error';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'run'; readonly command: Command; readonly input: CommandInput };

/** Thrown out of commander when it has shown help the user asked for. */
class HelpShown extends Error {}

/**
 * Picks the command from its words (`keys init`, `section put`, ...) and parses the rest with commander, strictly:
 * an unknown option or command, a missing option or value, or an extra argument is a CLI.USAGE error, never
 * silently ignored. A fresh program per call: nothing is kept between runs.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  let out = '';
  let err = '';
  const chosen: { run?: { command: Command; input: CommandInput } } = {};
  const program = buildProgram(commands, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    exit: (error: CommanderError, raisedBy: Commander) => {
      // Help on the error stream is commander's answer to a group without a subcommand: a usage error here.
      const asked = error.code === 'commander.helpDisplayed' || (error.code === 'commander.help' && err === '');
      throw asked ? new HelpShown() : usageError(error, raisedBy);
    },
    select: (command, input) => (chosen.run = { command, input }),
  });
  try {
    // No arguments: the list of commands, as --help (commander would print it as an error).
    program.parse(argv.length === 0 ? ['--help'] : [...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof HelpShown) return { kind: 'help', text: out };
    throw error;
  }
  if (!chosen.run) throw new Error('commander returned without a command or an error');
  return { kind: 'run', ...chosen.run };
}
