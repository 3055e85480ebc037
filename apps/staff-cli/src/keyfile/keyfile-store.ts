import { type Keyfile, type KeyfileLimits, type OrgKeys, openKeyfile, sealKeyfile } from '@app/crypto';
import { access } from 'node:fs/promises';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { createPrivateFile, readJsonFile, replacePrivateFile } from '../files/private-file';

export interface OpenedKeyfile {
  /** Every key version of the organization, oldest first. */
  readonly ring: OrgKeys[];
  /** The file's own KDF cost, kept when it is re-sealed. */
  readonly limits: KeyfileLimits;
}

export async function loadKeyfile(path: string, passphrase: string): Promise<OpenedKeyfile> {
  const file = await readJsonFile(path, 'keyfile');
  const ring = await openKeyfile(file, passphrase);
  // openKeyfile has validated the KDF parameters by now.
  const kdf = (file as { kdf: { opslimit: number; memlimit: number } }).kdf;
  return { ring, limits: { opslimit: kdf.opslimit, memlimit: kdf.memlimit } };
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
