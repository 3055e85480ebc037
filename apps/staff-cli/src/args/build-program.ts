import { Command as Commander, type CommanderError, Option } from 'commander';
import { type CommandInput, type OptionSpec, type OptionValues } from '../cli-types';
import { type Command } from '../commands/command';
import { GROUP_SUMMARIES, INVOCATION, PROGRAM_HELP_FOOTER, PROGRAM_SUMMARY } from '../help-text';
import { GLOBAL_OPTIONS } from './global-options';

/** Fixed rather than the terminal's: runCli reads no process globals, and help reads the same in every test. */
const HELP_WIDTH = 100;

/** Where commander's output and exits go instead of process.stdout/stderr and process.exit. */
export interface ProgramIo {
  /** Help text; help written to `err` is commander's answer to a usage mistake (a group without a subcommand). */
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Each help display or usage error, with the commander command that raised it. Must throw. */
  readonly exit: (error: CommanderError, raisedBy: Commander) => never;
  /** The command the arguments name, with its parsed options and arguments. */
  readonly select: (command: Command, input: CommandInput) => void;
}

/**
 * The commander tree for the commands: the program, one command per first word (`keys`, `section`, ...) and one
 * subcommand per command, which only records itself as selected: running it is the caller's, so that its errors
 * are reported like any other.
 */
export function buildProgram(commands: readonly Command[], io: ProgramIo): Commander {
  const program = configure(new Commander(INVOCATION), io)
    .description(PROGRAM_SUMMARY)
    .addHelpText('after', PROGRAM_HELP_FOOTER);
  const groups = new Map<string, Commander>();
  for (const command of commands) {
    const [groupName = '', leafName = ''] = command.name.split(' ');
    let group = groups.get(groupName);
    if (!group) {
      group = configure(new Commander(groupName), io).description(GROUP_SUMMARIES[groupName] ?? '');
      groups.set(groupName, group);
      program.addCommand(group);
    }
    group.addCommand(leaf(command, leafName, io));
  }
  return program;
}

function leaf(command: Command, name: string, io: ProgramIo): Commander {
  const cli = configure(new Commander(name), io).description(command.summary).usage(usageLine(command));
  const options = [
    ...command.options.map((spec) => ({ spec, option: toOption(spec) })),
    ...GLOBAL_OPTIONS.map((spec) => ({ spec, option: toOption(spec).helpGroup('Global options:') })),
  ];
  for (const { spec, option } of options) {
    const others = options.filter((o) => spec.conflicts?.includes(longName(o.option)));
    if (others.length > 0) option.conflicts(others.map((o) => o.option.attributeName()));
    cli.addOption(option);
  }
  for (const argument of command.arguments) cli.argument(`<${argument.name}>`, argument.description);
  if (command.note) cli.addHelpText('after', `\n${command.note}`);
  return cli.action(() => io.select(command, { values: valuesOf(cli), positionals: [...cli.args] }));
}

/** Settings commander would copy from a parent only to commands made with `.command()`; set on each. */
function configure(cli: Commander, io: ProgramIo): Commander {
  return cli
    .exitOverride((error) => io.exit(error, cli))
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // A usage error is reported by the caller as the CLI's one JSON line, not as commander's text.
      outputError: () => undefined,
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .allowExcessArguments(false)
    .showSuggestionAfterError(true);
}

/** The required options spelled out, since commander's default `[options]` would hide them. */
function usageLine(command: Command): string {
  const required = command.options.filter((o) => o.required === true).map((o) => o.flags);
  return [...required, '[options]', ...command.arguments.map((a) => `<${a.name}>`)].join(' ');
}

function toOption(spec: OptionSpec): Option {
  return new Option(spec.flags, spec.description).makeOptionMandatory(spec.required === true);
}

function longName(option: Option): string {
  return option.long?.replace(/^--/, '') ?? option.attributeName();
}

/** commander keys values by camelCase attribute (`outDir`); commands read them by the name the user types. */
function valuesOf(cli: Commander): OptionValues {
  const parsed = cli.opts<Record<string, string | boolean | undefined>>();
  return Object.fromEntries(cli.options.map((option) => [longName(option), parsed[option.attributeName()]]));
}
