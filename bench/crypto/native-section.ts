// The SDK's section format written and read with native libsodium
// (sodium-native) instead of libsodium-wrappers: the benchmark's baseline.
// Parsing, canonical JSON and base64url are the SDK's own, so the ratio
// isolates the cost of the WebAssembly crypto.
import sodium from 'sodium-native';
import {
  ENVELOPE_ALG,
  FORMAT_VERSION,
  SECTION_FORMAT_VERSION,
  type KeyEnvelope,
  type OrgKeys,
  type RecipientKey,
  SECTION_ALG,
  type SectionContext,
  type SectionRecord,
  type SigningKey,
  canonicalJson,
  decodeEnvelope,
  decodeSectionRecord,
  sectionAssociatedData,
  sectionBucketFor,
  toBase64Url,
  utf8Encode,
} from '@app/crypto';

function hash(bytes: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(length);
  sodium.crypto_generichash(out, bytes);
  return out;
}

function keyId(publicKey: Uint8Array): string {
  return toBase64Url(hash(publicKey, 16));
}

function payload(
  record: Omit<SectionRecord, 'ciphertext' | 'signature' | 'authorKeyId'>,
  ciphertext: Uint8Array,
): Uint8Array {
  return utf8Encode(
    canonicalJson({
      v: record.v,
      caseId: record.caseId,
      section: record.section,
      contentVersion: record.contentVersion,
      keyVersion: record.keyVersion,
      alg: record.alg,
      nonce: record.nonce,
      ciphertextHash: toBase64Url(hash(ciphertext, 32)),
      authorOrgId: record.authorOrgId,
    }),
  );
}

export function nativeSealSection(
  context: SectionContext,
  plaintext: Uint8Array,
  author: OrgKeys,
  recipients: readonly RecipientKey[],
  createdAt: string,
): { record: SectionRecord; envelopes: KeyEnvelope[] } {
  const dataKey = Buffer.alloc(32);
  sodium.randombytes_buf(dataKey);
  const nonce = Buffer.alloc(24);
  sodium.randombytes_buf(nonce);
  // The SDK's bucket rule; the padding itself is native libsodium's.
  const bucket = sectionBucketFor(plaintext.length);
  const padded = Buffer.alloc(bucket);
  padded.set(plaintext);
  sodium.sodium_pad(padded, plaintext.length, bucket);
  const ciphertext = Buffer.alloc(bucket + 16);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    ciphertext,
    padded,
    sectionAssociatedData(context),
    null,
    nonce,
    dataKey,
  );
  sodium.sodium_memzero(padded);
  const fields = {
    v: SECTION_FORMAT_VERSION,
    ...context,
    alg: SECTION_ALG,
    nonce: toBase64Url(nonce),
    authorOrgId: author.orgId,
  };
  const signature = Buffer.alloc(64);
  sodium.crypto_sign_detached(signature, payload(fields, ciphertext), author.signing.privateKey);
  const record: SectionRecord = {
    ...fields,
    ciphertext: toBase64Url(ciphertext),
    authorKeyId: author.signing.keyId,
    signature: toBase64Url(signature),
  };
  const envelopes = recipients.map((recipient): KeyEnvelope => {
    if (keyId(recipient.publicKey) !== recipient.keyId) throw new Error('recipient key id mismatch');
    const sealedKey = Buffer.alloc(32 + sodium.crypto_box_SEALBYTES);
    sodium.crypto_box_seal(sealedKey, dataKey, recipient.publicKey);
    return {
      v: FORMAT_VERSION,
      alg: ENVELOPE_ALG,
      caseId: context.caseId,
      section: context.section,
      keyVersion: context.keyVersion,
      recipientOrgId: recipient.orgId,
      recipientKeyId: recipient.keyId,
      sealedKey: toBase64Url(sealedKey),
      createdAt,
    };
  });
  sodium.sodium_memzero(dataKey);
  return { record, envelopes };
}

export function nativeOpenSection(
  recordJson: unknown,
  envelopeJson: unknown,
  myKeys: OrgKeys,
  author: SigningKey,
): Uint8Array {
  const { record, nonce, ciphertext, signature } = decodeSectionRecord(recordJson);
  if (
    author.orgId !== record.authorOrgId ||
    author.keyId !== record.authorKeyId ||
    keyId(author.publicKey) !== author.keyId
  ) {
    throw new Error('author key mismatch');
  }
  if (!sodium.crypto_sign_verify_detached(signature, payload(record, ciphertext), author.publicKey))
    throw new Error('bad signature');
  const { envelope, sealedKey } = decodeEnvelope(envelopeJson);
  if (
    envelope.caseId !== record.caseId ||
    envelope.section !== record.section ||
    envelope.keyVersion !== record.keyVersion
  ) {
    throw new Error('envelope mismatch');
  }
  if (envelope.recipientKeyId !== myKeys.encryption.keyId) throw new Error('not my envelope');
  const dataKey = Buffer.alloc(32);
  if (!sodium.crypto_box_seal_open(dataKey, sealedKey, myKeys.encryption.publicKey, myKeys.encryption.privateKey))
    throw new Error('unseal failed');
  const padded = Buffer.alloc(ciphertext.length - 16);
  sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
    padded,
    null,
    ciphertext,
    sectionAssociatedData(record),
    nonce,
    dataKey,
  );
  return padded.subarray(0, sodium.sodium_unpad(padded, padded.length, padded.length));
}
