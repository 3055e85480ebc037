// What the open target would cost if the SDK could hand its two public-key
// steps to the platform (node:crypto here; WebCrypto's Ed25519 and X25519 in
// browsers): the author's Ed25519 signature and the sealed box's X25519 run
// natively, everything else stays on libsodium-wrappers. Not used by the SDK
// (the stack keeps it on libsodium-wrappers); measured so the decision about
// the open target rests on a figure.
import { type KeyObject, createPrivateKey, createPublicKey, diffieHellman, verify } from 'node:crypto';
import * as sodiumNamespace from 'libsodium-wrappers-sumo';
import {
  type OrgKeys,
  type SigningKey,
  decodeEnvelope,
  decodeSectionRecord,
  sectionAssociatedData,
  sectionSignaturePayload,
  toBase64Url,
} from '@app/crypto';

type Sodium = typeof sodiumNamespace;
const wasm: Sodium = (sodiumNamespace as unknown as { default?: Sodium }).default ?? sodiumNamespace;
const ZERO_16 = new Uint8Array(16);

// A reader keeps the keys it fetched from the directory; so does this.
const signingKeys = new WeakMap<SigningKey, KeyObject>();
const privateKeys = new WeakMap<OrgKeys, KeyObject>();

function signingKeyObject(author: SigningKey): KeyObject {
  let key = signingKeys.get(author);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(author.publicKey) }, format: 'jwk' });
    signingKeys.set(author, key);
  }
  return key;
}

function encryptionKeyObject(keys: OrgKeys): KeyObject {
  let key = privateKeys.get(keys);
  if (!key) {
    key = createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'X25519',
        d: toBase64Url(keys.encryption.privateKey),
        x: toBase64Url(keys.encryption.publicKey),
      },
      format: 'jwk',
    });
    privateKeys.set(keys, key);
  }
  return key;
}

/** The SDK's openSection, step for step, with Ed25519 verify and X25519 done by node:crypto. */
export function platformOpenSection(
  recordJson: unknown,
  envelopeJson: unknown,
  myKeys: OrgKeys,
  author: SigningKey,
): Uint8Array {
  const { record, nonce, ciphertext, signature } = decodeSectionRecord(recordJson);
  if (author.orgId !== record.authorOrgId || author.keyId !== record.authorKeyId)
    throw new Error('author key mismatch');
  // The SDK's own payload (its BLAKE2b is the WebAssembly one, as in the SDK).
  const payload = sectionSignaturePayload(record, ciphertext);
  if (!verify(null, payload, signingKeyObject(author), signature)) throw new Error('bad signature');
  const { envelope, sealedKey } = decodeEnvelope(envelopeJson);
  if (
    envelope.caseId !== record.caseId ||
    envelope.section !== record.section ||
    envelope.keyVersion !== record.keyVersion
  )
    throw new Error('envelope mismatch');
  if (envelope.recipientKeyId !== myKeys.encryption.keyId) throw new Error('not my envelope');
  // crypto_box_seal_open: X25519(sk, ephemeral pk) -> HSalsa20 -> XSalsa20-Poly1305 with nonce = BLAKE2b-24(epk || pk).
  const ephemeral = sealedKey.subarray(0, 32);
  const shared = diffieHellman({
    privateKey: encryptionKeyObject(myKeys),
    publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: toBase64Url(ephemeral) }, format: 'jwk' }),
  });
  const boxKey = wasm.crypto_core_hsalsa20(ZERO_16, shared, null);
  const boxNonce = wasm.crypto_generichash(24, new Uint8Array([...ephemeral, ...myKeys.encryption.publicKey]), null);
  const dataKey = wasm.crypto_box_open_easy_afternm(sealedKey.subarray(32), boxNonce, boxKey);
  const padded = wasm.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    ciphertext,
    sectionAssociatedData(record),
    nonce,
    dataKey,
  );
  return wasm.unpad(padded, padded.length);
}
