import {
  type Keyfile,
  type KeyfileLimits,
  type OpenedKeyfile,
  type OrgKeys,
  openKeyfile,
  sealKeyfile,
} from '@app/crypto';
import { access } from 'node:fs/promises';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { createPrivateFile, parseJsonFile, readInputFile, replacePrivateFile } from '../files/private-file';
import { type ResealOutcome, resealInPlace } from './keyfile-reseal';

export interface LoadedKeyfile {
  /** Every key version of the organization, oldest first. */
  readonly ring: OrgKeys[];
  /** The cost to seal it again at: its own, or the target cost if it was below the SDK's floor. */
  readonly limits: KeyfileLimits;
  /** Set when the file was below the floor: whether it was re-sealed. */
  readonly reseal?: ResealOutcome;
}

/**
 * Opens the keyfile. One sealed below the SDK's Argon2id floor (written
 * before there was one) is re-sealed in place at `resealLimits`, so that
 * every keyfile in use reaches the floor the first time it is opened.
 */
export async function loadKeyfile(
  path: string,
  passphrase: string,
  resealLimits: KeyfileLimits,
  open: (file: unknown, passphrase: string) => Promise<OpenedKeyfile> = openKeyfile,
): Promise<LoadedKeyfile> {
  const bytes = await readInputFile(path, 'keyfile');
  const opened = await open(parseJsonFile(bytes, 'keyfile'), passphrase);
  if (!opened.resealRequired) return { ring: opened.keys, limits: opened.limits };
  const reseal = await resealInPlace({
    path,
    opened: bytes,
    keys: opened.keys,
    passphrase,
    from: opened.limits,
    limits: resealLimits,
  });
  return { ring: opened.keys, limits: resealLimits, reseal };
}

/** Writes a new keyfile; refuses to overwrite one (that would destroy the only copy of private keys). */
export async function createKeyfile(
  path: string,
  keys: readonly OrgKeys[],
  passphrase: string,
  limits?: KeyfileLimits,
): Promise<Keyfile> {
  await refuseExisting(path);
  const keyfile = await sealKeyfile(keys, passphrase, limits);
  await createPrivateFile(path, `${JSON.stringify(keyfile, null, 2)}\n`, 'keyfile');
  return keyfile;
}

/** Re-seals the keyfile with every version in `keys` (after a rotation), under the same passphrase. */
export async function replaceKeyfile(
  path: string,
  keys: readonly OrgKeys[],
  passphrase: string,
  limits: KeyfileLimits,
): Promise<Keyfile> {
  const keyfile = await sealKeyfile(keys, passphrase, limits);
  await replacePrivateFile(path, `${JSON.stringify(keyfile, null, 2)}\n`);
  return keyfile;
}

// Checked before the (slow) key derivation so the user learns at once; the
// exclusive create still guards against a file appearing in between.
async function refuseExisting(path: string): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) throw new CliError(CLI_ERROR_CODES.KEYFILE_EXISTS, 'keyfile: the file exists; refusing to overwrite it');
}
