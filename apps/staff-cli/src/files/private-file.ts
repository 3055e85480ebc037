import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';

/** Owner read/write only: keyfiles and decrypted sections. */
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a file readable by its owner only (or with `mode`); refuses to replace an existing one. */
export async function createPrivateFile(
  path: string,
  data: string | Uint8Array,
  what: string,
  mode: number = PRIVATE_FILE_MODE,
): Promise<void> {
  try {
    // Created private whatever `mode` is: nobody else may open it while it is written.
    await writeFile(path, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST')
      throw new CliError(CLI_ERROR_CODES.KEYFILE_EXISTS, `${what}: the file exists; refusing to overwrite it`);
    throw error;
  }
  // The mode given at creation is filtered by the umask; set it exactly.
  await chmod(path, mode);
}

/**
 * Replaces a file atomically: a new private file next to it, then a rename,
 * so a crash leaves either the old file or the new one, never half of one.
 * The new file gets `mode` (owner-only unless told otherwise).
 */
export async function replacePrivateFile(path: string, data: string, mode: number = PRIVATE_FILE_MODE): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await createPrivateFile(temporary, data, 'temporary file', mode);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  return parseJsonFile(await readInputFile(path, what), what);
}

/** A file's bytes as JSON (UTF-8, strictly). */
export function parseJsonFile(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, `${what}: not a JSON file`);
  }
}

export async function readInputFile(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      CLI_ERROR_CODES.FILE,
      `${what}: cannot read the file${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
}
