import { type CliEnv, type OptionValues } from '../cli-types';
import { optionalString } from '../args/option-values';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

export const ENV = {
  INTAKE_URL: 'REFUGIO_INTAKE_URL',
  TOKEN: 'REFUGIO_TOKEN',
  PASSPHRASE: 'REFUGIO_PASSPHRASE',
  KEYFILE: 'REFUGIO_KEYFILE',
} as const;

/** Minimum for a new keyfile's passphrase: it is all that protects the private keys on a lost laptop. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** Intake's base URL: --intake, else REFUGIO_INTAKE_URL. http(s) only; no credentials in it. */
export function intakeBaseUrl(values: OptionValues, env: CliEnv): URL {
  const raw = optionalString(values, 'intake') ?? env[ENV.INTAKE_URL];
  if (!raw) throw new CliError(CLI_ERROR_CODES.CONFIG, `intake URL: pass --intake or set ${ENV.INTAKE_URL}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(CLI_ERROR_CODES.CONFIG, 'intake URL: not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CliError(CLI_ERROR_CODES.CONFIG, 'intake URL: expected http or https');
  if (url.username || url.password)
    throw new CliError(CLI_ERROR_CODES.CONFIG, `intake URL: no credentials in the URL; use ${ENV.TOKEN}`);
  // A base path (https://host/api) must end in / for relative paths to resolve under it.
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}

export function bearerToken(env: CliEnv): string {
  const token = env[ENV.TOKEN]?.trim();
  if (!token) throw new CliError(CLI_ERROR_CODES.CONFIG, `set ${ENV.TOKEN} to a bearer token`);
  if (/\s/.test(token)) throw new CliError(CLI_ERROR_CODES.CONFIG, `${ENV.TOKEN}: must not contain whitespace`);
  return token;
}

/** From the environment only, never an argument (arguments are visible to other users in `ps`). */
export function passphrase(env: CliEnv): string {
  const value = env[ENV.PASSPHRASE];
  if (!value) throw new CliError(CLI_ERROR_CODES.CONFIG, `set ${ENV.PASSPHRASE} to the keyfile passphrase`);
  return value;
}

/** --keyfile, else REFUGIO_KEYFILE: a staff member uses one keyfile, so repeating it on every command is noise. */
export function keyfilePath(values: OptionValues, env: CliEnv): string {
  const path = keyfilePathIfGiven(values, env);
  if (!path) throw new CliError(CLI_ERROR_CODES.USAGE, `--keyfile is required (or set ${ENV.KEYFILE})`);
  return path;
}

/** The keyfile path if one is configured, for files kept beside it by commands that do not need the keys. */
export function keyfilePathIfGiven(values: OptionValues, env: CliEnv): string | undefined {
  return optionalString(values, 'keyfile') ?? (env[ENV.KEYFILE] || undefined);
}
