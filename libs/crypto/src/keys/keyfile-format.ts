import {
  type FormatVersion,
  FORMAT_VERSION,
  KEYFILE_ALG,
  KEYFILE_KDF_ALG,
  assertAlgorithm,
  assertFormat,
} from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { CryptoUnavailableError, DecryptionFailedError, MalformedInputError } from '../errors';
import { randomBytes } from '../random';
import { type Sodium, loadSodium } from '../sodium';
import { requireId, requireObject, requireVersionNumber } from '../validate';
import { ED25519_SEED_BYTES, type OrgKeys, X25519_PRIVATE_KEY_BYTES, orgKeysFromSecrets } from './org-keys';

// The keyfile format itself, at whatever Argon2id cost it is given within the
// bounds libsodium and hostile files allow. Which costs are good enough is
// keyfile.ts's decision, not this file's: it must still open files written
// before that decision was made.

export interface KeyfileLimits {
  readonly opslimit: number;
  /** Bytes. */
  readonly memlimit: number;
}

// A keyfile is data: a crafted one must not make the SDK allocate gigabytes
// or spin for minutes before the passphrase is even checked.
const MAX_OPSLIMIT = 10;
const MAX_MEMLIMIT = 1024 * 1024 * 1024;
const SALT_BYTES = 16;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
const TAG_BYTES = 16;

// Secrets are laid out in binary, not JSON, so they never sit in JS strings
// (which cannot be wiped): per key version, u32 big-endian version, X25519
// private key, Ed25519 seed.
const ENTRY_BYTES = 4 + X25519_PRIVATE_KEY_BYTES + ED25519_SEED_BYTES;
const MAX_KEY_VERSIONS = 1024;

export type KeyfileKdf = {
  readonly alg: typeof KEYFILE_KDF_ALG;
  readonly opslimit: number;
  readonly memlimit: number;
  readonly salt: string;
};

export type Keyfile = {
  readonly v: FormatVersion;
  readonly alg: typeof KEYFILE_ALG;
  readonly orgId: string;
  readonly kdf: KeyfileKdf;
  readonly nonce: string;
  readonly ciphertext: string;
};

/** Encrypts every key version of one organization under a passphrase, at the given cost. */
export async function encryptKeyfile(
  keys: OrgKeys | readonly OrgKeys[],
  passphrase: string,
  limits: KeyfileLimits,
): Promise<Keyfile> {
  const s = await loadSodium();
  const ring = 'encryption' in keys ? [keys] : keys;
  const first = ring[0];
  if (!first || ring.length > MAX_KEY_VERSIONS)
    throw new MalformedInputError('keyfile: expected 1 to 1024 key versions');
  if (ring.some((k) => k.orgId !== first.orgId))
    throw new MalformedInputError('keyfile: keys of more than one organization');
  checkLimits(s, limits.opslimit, limits.memlimit);

  const kdf: KeyfileKdf = {
    alg: KEYFILE_KDF_ALG,
    opslimit: limits.opslimit,
    memlimit: limits.memlimit,
    salt: toBase64Url(randomBytes(SALT_BYTES)),
  };
  const header = { v: FORMAT_VERSION, alg: KEYFILE_ALG, orgId: first.orgId, kdf } as const;
  const plaintext = packSecrets(s, ring);
  const key = deriveKey(s, passphrase, kdf);
  const nonce = randomBytes(NONCE_BYTES);
  try {
    const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, headerBytes(header), null, nonce, key);
    return { ...header, nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) };
  } finally {
    s.memzero(key);
    s.memzero(plaintext);
  }
}

/** Decrypts a keyfile; a wrong passphrase and a tampered file both fail as DECRYPTION_FAILED. */
export async function decryptKeyfile(
  file: unknown,
  passphrase: string,
): Promise<{ keys: OrgKeys[]; limits: KeyfileLimits }> {
  const s = await loadSodium();
  const o = requireObject(file, 'keyfile');
  assertFormat(o, KEYFILE_ALG, 'keyfile');
  const orgId = requireId(o.orgId, 'keyfile.orgId');
  const k = requireObject(o.kdf, 'keyfile.kdf');
  assertAlgorithm(k.alg, KEYFILE_KDF_ALG, 'keyfile.kdf');
  const opslimit = requireVersionNumber(k.opslimit, 'keyfile.kdf.opslimit', 1);
  const memlimit = requireVersionNumber(k.memlimit, 'keyfile.kdf.memlimit', 1);
  checkLimits(s, opslimit, memlimit);
  fromBase64Url(k.salt, 'keyfile.kdf.salt', { length: SALT_BYTES });
  const salt = k.salt as string;
  const nonce = fromBase64Url(o.nonce, 'keyfile.nonce', { length: NONCE_BYTES });
  const ciphertext = fromBase64Url(o.ciphertext, 'keyfile.ciphertext', {
    maxLength: MAX_KEY_VERSIONS * ENTRY_BYTES + TAG_BYTES,
  });
  const kdf: KeyfileKdf = { alg: KEYFILE_KDF_ALG, opslimit, memlimit, salt };
  const header = { v: FORMAT_VERSION, alg: KEYFILE_ALG, orgId, kdf } as const;

  const key = deriveKey(s, passphrase, kdf);
  let plaintext: Uint8Array;
  try {
    plaintext = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, headerBytes(header), nonce, key);
  } catch {
    throw new DecryptionFailedError('keyfile (wrong passphrase or altered file)');
  } finally {
    s.memzero(key);
  }
  try {
    return { keys: unpackSecrets(orgId, plaintext), limits: { opslimit, memlimit } };
  } finally {
    s.memzero(plaintext);
  }
}

function checkLimits(s: Sodium, opslimit: number, memlimit: number): void {
  const opsOk = Number.isSafeInteger(opslimit) && opslimit >= s.crypto_pwhash_OPSLIMIT_MIN && opslimit <= MAX_OPSLIMIT;
  const memOk = Number.isSafeInteger(memlimit) && memlimit >= s.crypto_pwhash_MEMLIMIT_MIN && memlimit <= MAX_MEMLIMIT;
  if (!opsOk || !memOk) throw new MalformedInputError('keyfile.kdf: limits out of the accepted range');
}

// The header is bound as associated data: changing the organization, the
// KDF parameters or the format of a keyfile makes it fail to open.
function headerBytes(header: { v: FormatVersion; alg: string; orgId: string; kdf: KeyfileKdf }): Uint8Array {
  return utf8Encode(canonicalJson(header));
}

function deriveKey(s: Sodium, passphrase: string, kdf: KeyfileKdf): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0)
    throw new MalformedInputError('keyfile: empty passphrase');
  // NFC: the same passphrase typed on macOS and on Windows gives the same bytes.
  const password = utf8Encode(passphrase.normalize('NFC'));
  try {
    const salt = fromBase64Url(kdf.salt, 'keyfile.kdf.salt', { length: SALT_BYTES });
    try {
      return s.crypto_pwhash(KEY_BYTES, password, salt, kdf.opslimit, kdf.memlimit, s.crypto_pwhash_ALG_ARGON2ID13);
    } catch {
      // In a browser tab the WebAssembly heap may not grow to memlimit.
      throw new CryptoUnavailableError('keyfile: key derivation failed (not enough memory for the KDF?)');
    }
  } finally {
    s.memzero(password);
  }
}

function packSecrets(s: Sodium, ring: readonly OrgKeys[]): Uint8Array {
  const out = new Uint8Array(ring.length * ENTRY_BYTES);
  const view = new DataView(out.buffer);
  ring.forEach((keys, index) => {
    const at = index * ENTRY_BYTES;
    if (!Number.isSafeInteger(keys.keyVersion) || keys.keyVersion < 1 || keys.keyVersion > 0xffffffff) {
      throw new MalformedInputError('keyfile: keyVersion out of range');
    }
    view.setUint32(at, keys.keyVersion);
    out.set(keys.encryption.privateKey, at + 4);
    const seed = s.crypto_sign_ed25519_sk_to_seed(keys.signing.privateKey);
    out.set(seed, at + 4 + X25519_PRIVATE_KEY_BYTES);
    s.memzero(seed);
  });
  return out;
}

function unpackSecrets(orgId: string, plaintext: Uint8Array): OrgKeys[] {
  if (plaintext.length === 0 || plaintext.length % ENTRY_BYTES !== 0)
    throw new MalformedInputError('keyfile: bad contents');
  const view = new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const ring: OrgKeys[] = [];
  for (let at = 0; at < plaintext.length; at += ENTRY_BYTES) {
    const keyVersion = view.getUint32(at);
    const encryptionPrivateKey = plaintext.subarray(at + 4, at + 4 + X25519_PRIVATE_KEY_BYTES);
    const signingSeed = plaintext.subarray(at + 4 + X25519_PRIVATE_KEY_BYTES, at + ENTRY_BYTES);
    ring.push(orgKeysFromSecrets(orgId, keyVersion, encryptionPrivateKey, signingSeed));
  }
  return ring.sort((a, b) => a.keyVersion - b.keyVersion);
}
