import { MalformedInputError } from '../errors';
import { type Keyfile, type KeyfileLimits, decryptKeyfile, encryptKeyfile } from './keyfile-format';
import { type OrgKeys } from './org-keys';

export { type Keyfile, type KeyfileKdf, type KeyfileLimits } from './keyfile-format';

/**
 * Argon2id cost for a staff laptop: 3 passes (libsodium's "moderate") over
 * 128 MiB, between "interactive" (64 MiB) and "moderate" (256 MiB). It takes
 * about 0.4 s in WebAssembly on a 2-core machine, once per unlock, and keeps
 * the WebAssembly heap (which never shrinks in a browser tab) at 128 MiB.
 */
export const KEYFILE_DEFAULT_LIMITS: KeyfileLimits = { opslimit: 3, memlimit: 128 * 1024 * 1024 };

/**
 * The least a keyfile may cost: 3 passes over 64 MiB (libsodium's
 * "interactive" memory with "moderate" passes). A stolen keyfile is only as
 * strong as one guess's cost; below this a staff passphrase falls to a GPU
 * in days rather than years. New files are never sealed below it.
 */
export const KEYFILE_MIN_LIMITS: KeyfileLimits = { opslimit: 3, memlimit: 64 * 1024 * 1024 };

export interface OpenedKeyfile {
  /** Every key version of the organization, oldest first. */
  readonly keys: OrgKeys[];
  /** The file's own Argon2id cost. */
  readonly limits: KeyfileLimits;
  /**
   * The file was sealed below KEYFILE_MIN_LIMITS (before the floor existed).
   * It still opens, since refusing would lock the owner out of their own
   * keys; seal `keys` again (sealKeyfile, at the defaults) and replace it.
   */
  readonly resealRequired: boolean;
}

/** Encrypts every key version of one organization under a passphrase; refuses a cost below the floor. */
export async function sealKeyfile(
  keys: OrgKeys | readonly OrgKeys[],
  passphrase: string,
  limits: KeyfileLimits = KEYFILE_DEFAULT_LIMITS,
): Promise<Keyfile> {
  if (isBelowFloor(limits)) {
    throw new MalformedInputError(
      `keyfile.kdf: limits below the floor (${KEYFILE_MIN_LIMITS.opslimit} passes, ` +
        `${KEYFILE_MIN_LIMITS.memlimit / (1024 * 1024)} MiB)`,
    );
  }
  return encryptKeyfile(keys, passphrase, limits);
}

/**
 * Decrypts a keyfile; a wrong passphrase and a tampered file both fail as
 * DECRYPTION_FAILED. A file below the floor opens, with `resealRequired`.
 */
export async function openKeyfile(file: unknown, passphrase: string): Promise<OpenedKeyfile> {
  const { keys, limits } = await decryptKeyfile(file, passphrase);
  return { keys, limits, resealRequired: isBelowFloor(limits) };
}

function isBelowFloor(limits: KeyfileLimits): boolean {
  // Written so that NaN or a non-number counts as below: the format layer refuses those anyway.
  return !(limits.opslimit >= KEYFILE_MIN_LIMITS.opslimit && limits.memlimit >= KEYFILE_MIN_LIMITS.memlimit);
}
