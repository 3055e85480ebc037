import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { ENV } from './config';

/**
 * The `sub` claim of the bearer token, read without verifying the token
 * (intake verifies it): a consent record names its collector, and intake
 * accepts only the caller's own subject there.
 */
export function tokenSubject(token: string): string {
  const payload = token.split('.')[1];
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  } catch {
    claims = undefined;
  }
  const sub = (claims as { sub?: unknown } | undefined)?.sub;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new CliError(CLI_ERROR_CODES.CONFIG, `${ENV.TOKEN}: not a JWT with a sub claim`);
  return sub;
}
