// Used on both sides of the browser test to open what the other side sealed.
// Test-only: keys move between Node and the page as the two 32-byte secrets a
// keyfile stores; real keys never leave their keyfile like this.
import {
  ED25519_SEED_BYTES,
  type OrgKeys,
  X25519_PRIVATE_KEY_BYTES,
  fromBase64Url,
  initCrypto,
  openSection,
  orgKeysFromSecrets,
  parseEnvelope,
  parsePublicKeyRecord,
  parseSectionRecord,
  signingKeyOf,
  toBase64Url,
  utf8Decode,
} from '../../src/index';
import { type KeySecrets, type SealedForOtherSide } from './protocol';

export function secretsOf(keys: OrgKeys): KeySecrets {
  return {
    orgId: keys.orgId,
    keyVersion: keys.keyVersion,
    encryptionPrivateKey: toBase64Url(keys.encryption.privateKey),
    // libsodium's Ed25519 private key is seed || public key.
    signingSeed: toBase64Url(keys.signing.privateKey.subarray(0, ED25519_SEED_BYTES)),
  };
}

export async function keysFromSecrets(secrets: KeySecrets): Promise<OrgKeys> {
  await initCrypto();
  return orgKeysFromSecrets(
    secrets.orgId,
    secrets.keyVersion,
    fromBase64Url(secrets.encryptionPrivateKey, 'encryptionPrivateKey', { length: X25519_PRIVATE_KEY_BYTES }),
    fromBase64Url(secrets.signingSeed, 'signingSeed', { length: ED25519_SEED_BYTES }),
  );
}

/** Opens what the other side sealed, parsing everything as untrusted JSON. */
export async function openSealed(sealed: SealedForOtherSide): Promise<string> {
  const reader = await keysFromSecrets(sealed.reader);
  const plaintext = await openSection({
    record: parseSectionRecord(sealed.record),
    envelope: parseEnvelope(sealed.envelope),
    myKeys: reader,
    authorSigningKey: signingKeyOf(parsePublicKeyRecord(sealed.author)),
  });
  return utf8Decode(plaintext);
}
