import { CryptoError } from '@app/crypto';
import { CLI_ERROR_CODES, CliError, type ContentIssue, IntakeError, InvalidContentError } from './cli-error';

export type ErrorLine = {
  readonly error: string;
  readonly message: string;
  readonly status?: number;
  readonly correlationId?: string;
  /** For CLI.INVALID_CONTENT: every issue, where the message has room for only some. */
  readonly issues?: readonly ContentIssue[];
};

/**
 * One line for stderr. Only messages this project wrote are passed on (ours,
 * the SDK's and intake's, none of which quote values); anything else is
 * named by its type only, since a library message may quote input.
 */
export function errorLine(error: unknown): ErrorLine {
  if (error instanceof IntakeError) {
    return {
      error: error.code,
      message: oneLine(error.message),
      status: error.status,
      ...(error.correlationId ? { correlationId: error.correlationId } : {}),
    };
  }
  if (error instanceof InvalidContentError)
    return { error: error.code, message: oneLine(error.message), issues: error.issues };
  if (error instanceof CliError || error instanceof CryptoError)
    return { error: error.code, message: oneLine(error.message) };
  const system = systemErrorCode(error);
  if (system) return { error: CLI_ERROR_CODES.FILE, message: `file system: ${system}` };
  const name = (error as { name?: unknown } | null)?.name;
  return {
    error: CLI_ERROR_CODES.INTERNAL,
    message: typeof name === 'string' ? name.slice(0, 64) : 'unexpected failure',
  };
}

// By shape, not instanceof: Node's own errors may come from another realm (jest's sandbox).
function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
