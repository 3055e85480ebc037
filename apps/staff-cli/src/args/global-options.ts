import { type OptionSpec } from '../cli-types';
import { ENV } from '../context/config';

/**
 * Options every command accepts, after its words. The passphrase is deliberately not one: arguments show up in
 * `ps` and shell history. The environment fallbacks are applied by the context, not by commander's `.env()`,
 * which reads process.env: runCli is given its environment, so that tests can pass their own.
 */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '--intake <url>', description: `intake's base URL (default: $${ENV.INTAKE_URL})` },
  { flags: '--keyfile <path>', description: `the organization's keyfile (default: $${ENV.KEYFILE})` },
];
