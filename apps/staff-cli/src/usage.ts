import { type JsonValue } from '@app/crypto';
import { type Command } from './commands/command';
import { ENV } from './context/config';

/** Help as JSON, like every other output. */
export function usage(commands: readonly Command[], only?: Command): JsonValue {
  const list = (only ? [only] : commands).map((c) => ({
    command: c.name,
    usage: `refugio ${c.name} ${c.usage}`,
    summary: c.summary,
  }));
  return {
    commands: list,
    globalOptions: ['--intake <url> (or REFUGIO_INTAKE_URL)', '--keyfile <path>', '--help'],
    environment: [ENV.INTAKE_URL, ENV.TOKEN, `${ENV.PASSPHRASE} (never an argument)`],
    output: 'JSON on stdout; on failure one JSON line {error, message} on stderr and exit code 1',
  };
}
