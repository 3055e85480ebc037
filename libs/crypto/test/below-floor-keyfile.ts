// A keyfile sealed below the SDK's Argon2id floor, as files written before
// the floor existed are: sealKeyfile refuses to make one now, so this goes
// to the format layer underneath it.
import { type Keyfile, type KeyfileLimits, encryptKeyfile } from '../src/keys/keyfile-format';
import { type OrgKeys } from '../src/index';

/** libsodium's own minimum cost, far below the floor. */
export const BELOW_FLOOR_LIMITS: KeyfileLimits = { opslimit: 1, memlimit: 8192 };

export function sealBelowFloor(
  keys: OrgKeys | readonly OrgKeys[],
  passphrase: string,
  limits: KeyfileLimits = BELOW_FLOOR_LIMITS,
): Promise<Keyfile> {
  return encryptKeyfile(keys, passphrase, limits);
}
