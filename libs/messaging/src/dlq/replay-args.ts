import { DEAD_LETTER_REASONS, type DeadLetterReason } from './dead-letter';

export interface ReplayArgs {
  topics: string[];
  /** Undefined: the default reasons (REPLAYED_BY_DEFAULT). */
  reasons?: DeadLetterReason[];
}

export const REPLAY_USAGE = `usage: dlq:replay [--reason <${DEAD_LETTER_REASONS.join('|')}>[,...]]... <topic> [<topic>...]`;

/** Reads `dlq:replay`'s arguments; throws with the usage on anything it does not know. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const topics: string[] = [];
  const reasons: DeadLetterReason[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const inline = /^--reason=(.*)$/.exec(arg);
    if (arg === '--reason' || inline) {
      const value = inline ? inline[1]! : argv[(index += 1)];
      if (!value) throw new Error(`--reason needs a value\n${REPLAY_USAGE}`);
      for (const reason of value.split(',')) reasons.push(asReason(reason.trim()));
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}\n${REPLAY_USAGE}`);
    } else {
      topics.push(arg);
    }
  }
  if (topics.length === 0) throw new Error(REPLAY_USAGE);
  return reasons.length > 0 ? { topics, reasons: [...new Set(reasons)] } : { topics };
}

function asReason(value: string): DeadLetterReason {
  const reason = DEAD_LETTER_REASONS.find((known) => known === value);
  if (!reason) throw new Error(`unknown dead-letter reason "${value}"; known: ${DEAD_LETTER_REASONS.join(', ')}`);
  return reason;
}
