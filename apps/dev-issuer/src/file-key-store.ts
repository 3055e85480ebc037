import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type KeySet } from './key-set';
import { type KeyStore } from './key-store';

const jwk = z.looseObject({ kty: z.string(), kid: z.string() });
const keySetFile = z.object({
  keys: z.array(
    z.object({
      kid: z.string().min(1),
      privateJwk: jwk,
      publicJwk: jwk,
      createdAt: z.number(),
      retiredAt: z.number().optional(),
    }),
  ),
});

// Private keys: readable by the developer who runs the stack and nobody else.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Keeps the key set in `<stateDir>/keys.json`, shared by the running server
 * and the token CLI. The server re-reads it on every request, so a rotation
 * done from another process is published at once.
 */
export class FileKeyStore implements KeyStore {
  readonly path: string;

  constructor(private readonly stateDir: string) {
    this.path = join(stateDir, 'keys.json');
  }

  async read(): Promise<KeySet | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
    const parsed = keySetFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.path} is not a dev-issuer key file; delete it to start over`);
    return parsed.data;
  }

  async create(set: KeySet): Promise<KeySet> {
    await this.ensureDir();
    try {
      // 'wx': when the server and the CLI start together, one file wins and both use it.
      await writeFile(this.path, serialize(set), { mode: FILE_MODE, flag: 'wx' });
      return set;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      const existing = await this.read();
      if (!existing) throw error;
      return existing;
    }
  }

  async replace(set: KeySet): Promise<void> {
    await this.ensureDir();
    // Write then rename: a reader never sees half a file.
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    await writeFile(temporary, serialize(set), { mode: FILE_MODE, flag: 'wx' });
    await rename(temporary, this.path);
  }

  private async ensureDir(): Promise<void> {
    // An existing directory keeps its mode (it may be a shared one the user
    // pointed us at); the key file's own 0600 is what protects the keys.
    await mkdir(this.stateDir, { recursive: true, mode: DIR_MODE });
  }
}

function serialize(set: KeySet): string {
  return `${JSON.stringify(set, null, 2)}\n`;
}

// Structural, not instanceof: errors from node's fs may come from another realm (jest's VM contexts).
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
