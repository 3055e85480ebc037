// openKeyfile, remembered per (file, passphrase): the tests run hundreds of
// commands against a few keyfiles, and each command would otherwise pay a
// full Argon2id derivation at the SDK's floor (about half a second). The
// first open of every file is the real one, resealRequired included.
import { type KeyPair, type OpenedKeyfile, type OrgKeys, openKeyfile } from '@app/crypto';

const opened = new Map<string, Promise<OpenedKeyfile>>();

export function memoizedOpenKeyfile(file: unknown, passphrase: string): Promise<OpenedKeyfile> {
  const key = `${passphrase}\u0000${JSON.stringify(file)}`;
  let result = opened.get(key);
  if (!result) {
    result = openKeyfile(file, passphrase);
    opened.set(key, result);
    // A failure (a wrong passphrase) is not remembered: the next call derives again.
    result.catch(() => opened.delete(key));
  }
  // Copies, so no caller can wipe or change what the next one gets.
  return result.then((o) => ({ ...o, keys: o.keys.map(copyKeys) }));
}

function copyKeys(keys: OrgKeys): OrgKeys {
  return { ...keys, encryption: copyPair(keys.encryption), signing: copyPair(keys.signing) };
}

function copyPair(pair: KeyPair): KeyPair {
  return { ...pair, publicKey: new Uint8Array(pair.publicKey), privateKey: new Uint8Array(pair.privateKey) };
}
