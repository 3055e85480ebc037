import { type OrgKeys, type SigningKey, signingKeyOf } from '@app/crypto';
import { type KeyDirectory } from './key-directory';

/**
 * Finds the key a signature names: our own key versions from the keyfile
 * first (a signature of ours then needs no trust in the directory), the key
 * directory for everyone else.
 */
export type SignerLookup = (orgId: string, keyId: string) => Promise<SigningKey>;

export function signerLookup(directory: KeyDirectory, ownRing: readonly OrgKeys[] = []): SignerLookup {
  return async (orgId: string, keyId: string): Promise<SigningKey> => {
    const own = ownRing.find((keys) => keys.orgId === orgId && keys.signing.keyId === keyId);
    return own ? signingKeyOf(own) : directory.signingKey(orgId, keyId);
  };
}
