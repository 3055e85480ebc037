import { type JsonValue } from '@app/crypto';
import { type Command } from './commands/command';
import { ENV } from './context/config';

/** How the CLI is started from the repository (package.json's `cli` script); there is no installed binary. */
export const INVOCATION = 'npm run -s cli --';

/** Help as JSON, like every other output. */
export function usage(commands: readonly Command[], only?: Command): JsonValue {
  const list = (only ? [only] : commands).map((c) => ({
    command: c.name,
    usage: `${INVOCATION} ${c.name} ${c.usage}`,
    summary: c.summary,
  }));
  return {
    commands: list,
    globalOptions: [`--intake <url> (or ${ENV.INTAKE_URL})`, `--keyfile <path> (or ${ENV.KEYFILE})`, '--help'],
    environment: [ENV.INTAKE_URL, ENV.TOKEN, `${ENV.PASSPHRASE} (never an argument)`, ENV.KEYFILE],
    output: 'JSON on stdout; on failure one JSON line {error, message} on stderr and exit code 1',
  };
}
