import { type OptionSpecs } from '../cli-types';

/**
 * Options every command accepts. The passphrase is deliberately not one: arguments show up in `ps` and shell
 * history.
 */
export const GLOBAL_OPTIONS: OptionSpecs = {
  intake: { type: 'string' },
  keyfile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
