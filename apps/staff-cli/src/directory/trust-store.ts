import { readFile } from 'node:fs/promises';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { replacePrivateFile } from '../files/private-file';

const FORMAT_VERSION = 1;

/** A key version this CLI holds as trusted: by its record fingerprint (orgKeysFingerprint). */
export type TrustedVersion = { keyVersion: number; fingerprint: string };

/** The directory as this CLI last verified it: its signing key and the log position its head signed. */
export type TrustedDirectory = { keyId: string; publicKey: string; size: number; hash: string };

export type TrustState = {
  v: typeof FORMAT_VERSION;
  directory?: TrustedDirectory;
  /** Each organization's newest version in the log, as far as this CLI has verified the log. */
  logged: Record<string, TrustedVersion>;
  /** The version each organization's chain is checked from: version 1 on first use, or one `keys trust` set. */
  pins: Record<string, TrustedVersion>;
};

/**
 * What this CLI trusts in the key directory, kept beside its keyfile
 * (`<keyfile>.trusted-keys.json`, 0600): public data only (key ids, log
 * hashes, fingerprints). Losing it loses the pins, not data: the next run
 * trusts on first use again. Without a keyfile (a client checking a
 * receipt) it lives for one run.
 */
export class TrustStore {
  private memory: TrustState = emptyState();

  private constructor(private readonly path: string | undefined) {}

  static besideKeyfile(keyfilePath: string): TrustStore {
    return new TrustStore(`${keyfilePath}.trusted-keys.json`);
  }

  static forThisRun(): TrustStore {
    return new TrustStore(undefined);
  }

  async load(): Promise<TrustState> {
    if (this.path === undefined) return structuredClone(this.memory);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return emptyState();
      throw error;
    }
    return parseTrustState(text);
  }

  async save(state: TrustState): Promise<void> {
    if (this.path === undefined) {
      this.memory = structuredClone(state);
      return;
    }
    await replacePrivateFile(this.path, `${JSON.stringify(state, null, 2)}\n`);
  }
}

function emptyState(): TrustState {
  return { v: FORMAT_VERSION, logged: {}, pins: {} };
}

function parseTrustState(text: string): TrustState {
  const invalid = (): CliError =>
    new CliError(
      CLI_ERROR_CODES.INPUT_INVALID,
      'trusted keys file (<keyfile>.trusted-keys.json): not valid; move it aside to trust on first use again',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<TrustState>;
  if (o.v !== FORMAT_VERSION || !isVersionMap(o.logged) || !isVersionMap(o.pins)) throw invalid();
  if (o.directory !== undefined && !isDirectory(o.directory)) throw invalid();
  return { v: FORMAT_VERSION, logged: o.logged, pins: o.pins, ...(o.directory ? { directory: o.directory } : {}) };
}

function isVersionMap(value: unknown): value is Record<string, TrustedVersion> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((entry) => {
    const { keyVersion, fingerprint } = (entry ?? {}) as Partial<TrustedVersion>;
    return Number.isSafeInteger(keyVersion) && typeof fingerprint === 'string';
  });
}

function isDirectory(value: unknown): value is TrustedDirectory {
  const { keyId, publicKey, size, hash } = (value ?? {}) as Partial<TrustedDirectory>;
  return (
    typeof keyId === 'string' && typeof publicKey === 'string' && Number.isSafeInteger(size) && typeof hash === 'string'
  );
}
