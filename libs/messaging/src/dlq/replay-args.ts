import { Command, CommanderError } from 'commander';
import { DEAD_LETTER_REASONS, type DeadLetterReason } from './dead-letter';

export interface ReplayArgs {
  topics: string[];
  /** Undefined: the default reasons (REPLAYED_BY_DEFAULT). */
  reasons?: DeadLetterReason[];
}

export const REPLAY_USAGE =
  `usage: dlq:replay [--reason <${DEAD_LETTER_REASONS.join('|')}>[,...]]... ` + '<topic> [<topic>...]';

/** Reads `dlq:replay`'s arguments; throws with the usage on anything it does not know. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const program = new Command('dlq:replay')
    .argument('[topic...]')
    .option('--reason <reasons>', 'dead-letter reasons, comma-separated, repeatable', collectReasons, [])
    // --help prints the usage like any option it does not know; nothing is written or exits on its own.
    .helpOption(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    throw error instanceof CommanderError ? usageError(error) : error;
  }
  const topics = program.args;
  const reasons = program.opts<{ reason: DeadLetterReason[] }>().reason;
  if (topics.length === 0) throw new Error(REPLAY_USAGE);
  return reasons.length > 0 ? { topics, reasons: [...new Set(reasons)] } : { topics };
}

function collectReasons(value: string, previous: DeadLetterReason[]): DeadLetterReason[] {
  if (value === '') throw new Error(`--reason needs a value\n${REPLAY_USAGE}`);
  return [...previous, ...value.split(',').map((reason) => asReason(reason.trim()))];
}

/** commander's own messages name its option syntax; these name the tool's usage instead. */
function usageError(error: CommanderError): Error {
  if (error.code === 'commander.optionMissingArgument') return new Error(`--reason needs a value\n${REPLAY_USAGE}`);
  if (error.code === 'commander.unknownOption') {
    // commander says: error: unknown option '--reasons'
    const option = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    return new Error(`unknown option ${option}\n${REPLAY_USAGE}`);
  }
  return new Error(REPLAY_USAGE);
}

function asReason(value: string): DeadLetterReason {
  const reason = DEAD_LETTER_REASONS.find((known) => known === value);
  if (!reason) throw new Error(`unknown dead-letter reason "${value}"; known: ${DEAD_LETTER_REASONS.join(', ')}`);
  return reason;
}
