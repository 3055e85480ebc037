import { type FormatVersion, FORMAT_VERSION, SIGNATURE_ALG, assertFormat } from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { KeyMismatchError, SignatureInvalidError } from '../errors';
import { keyIdOf } from '../hash';
import { ED25519_SEED_BYTES, type KeyPair, PUBLIC_KEY_BYTES } from '../keys/org-keys';
import { loadSodium, sodium } from '../sodium';
import { requireKnownFields, requireObject, requireVersionNumber } from '../validate';
import { type DirectoryLogPosition, requireLogHash } from './directory-log';

/** Names what the head signature is about, so it can never be taken for another Ed25519 signature of the key. */
export const DIRECTORY_HEAD_LOG = 'refugio-key-directory' as const;

/**
 * The key directory's statement "my log has `size` entries and ends in
 * `hash`", signed with the directory's own Ed25519 key. Clients remember the
 * last head they verified and compare heads with each other: two signed heads
 * that no single append-only log can explain prove the directory lied.
 */
export type SignedDirectoryHead = {
  readonly v: FormatVersion;
  readonly alg: typeof SIGNATURE_ALG;
  readonly log: typeof DIRECTORY_HEAD_LOG;
  readonly size: number;
  readonly hash: string;
  /** keyIdOf(publicKey): what clients pin. */
  readonly keyId: string;
  readonly publicKey: string;
  readonly signature: string;
};

const SIGNATURE_BYTES = 64;
const HEAD_FIELDS = ['v', 'alg', 'log', 'size', 'hash', 'keyId', 'publicKey', 'signature'] as const;

/** The directory's signing key from its 32-byte secret seed (the service's configuration). */
export async function directoryKeyFromSeed(seed: Uint8Array): Promise<KeyPair> {
  await loadSodium();
  if (seed.length !== ED25519_SEED_BYTES) throw new KeyMismatchError('directory key: the seed must be 32 bytes');
  const pair = sodium().crypto_sign_seed_keypair(seed);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, keyId: keyIdOf(pair.publicKey) };
}

export async function signDirectoryHead(position: DirectoryLogPosition, key: KeyPair): Promise<SignedDirectoryHead> {
  await loadSodium();
  const unsigned = {
    v: FORMAT_VERSION,
    alg: SIGNATURE_ALG,
    log: DIRECTORY_HEAD_LOG,
    size: position.size,
    hash: position.hash,
    keyId: key.keyId,
    publicKey: toBase64Url(key.publicKey),
  };
  const signature = sodium().crypto_sign_detached(utf8Encode(canonicalJson(unsigned)), key.privateKey);
  return { ...unsigned, signature: toBase64Url(signature) };
}

/**
 * Checks a head's signature by the key it names (whether that key is the
 * directory's is the caller's pin to check) and returns the head.
 */
export async function verifyDirectoryHead(value: unknown): Promise<SignedDirectoryHead> {
  await loadSodium();
  const o = requireObject(value, 'directory head');
  assertFormat(o, SIGNATURE_ALG, 'directory head');
  requireKnownFields(o, HEAD_FIELDS, 'directory head');
  if (o.log !== DIRECTORY_HEAD_LOG) throw new KeyMismatchError('directory head: not a key directory head');
  const publicKey = fromBase64Url(o.publicKey, 'directory head.publicKey', { length: PUBLIC_KEY_BYTES });
  if (keyIdOf(publicKey) !== o.keyId) throw new KeyMismatchError('directory head: keyId is not the hash of its key');
  const head = {
    v: FORMAT_VERSION,
    alg: SIGNATURE_ALG,
    log: DIRECTORY_HEAD_LOG,
    size: requireVersionNumber(o.size, 'directory head.size', 0),
    hash: requireLogHash(o.hash, 'directory head.hash'),
    keyId: o.keyId,
    publicKey: o.publicKey as string,
  };
  const signature = fromBase64Url(o.signature, 'directory head.signature', { length: SIGNATURE_BYTES });
  if (!sodium().crypto_sign_verify_detached(signature, utf8Encode(canonicalJson(head)), publicKey))
    throw new SignatureInvalidError('directory head');
  return { ...head, signature: o.signature as string };
}
