import { type FormatVersion, FORMAT_VERSION, ORG_KEY_ALG, assertFormat } from '../algorithms';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { KeyMismatchError, MalformedInputError } from '../errors';
import { keyIdOf } from '../hash';
import { randomBytes } from '../random';
import { loadSodium, sodium } from '../sodium';
import { requireId, requireKnownFields, requireObject, requireVersionNumber } from '../validate';

export const PUBLIC_KEY_BYTES = 32;
export const X25519_PRIVATE_KEY_BYTES = 32;
export const ED25519_SEED_BYTES = 32;

export interface KeyPair {
  readonly publicKey: Uint8Array;
  /** X25519: 32 bytes. Ed25519: libsodium's 64-byte form (seed || public key). */
  readonly privateKey: Uint8Array;
  /** BLAKE2b-128 of the public key, base64url. */
  readonly keyId: string;
}

/** One version of an organization's keys, as its SDK holds them (never sent to a server). */
export interface OrgKeys {
  readonly orgId: string;
  readonly keyVersion: number;
  /** X25519 (crypto_box): data keys are sealed to it. */
  readonly encryption: KeyPair;
  /** Ed25519 (crypto_sign): signs sections and key rotations. */
  readonly signing: KeyPair;
}

/**
 * What the key directory stores and serves: public keys only. A type alias,
 * not an interface, so it is assignable to JsonValue for canonical JSON.
 */
export type OrgPublicKeyRecord = {
  readonly v: FormatVersion;
  readonly alg: typeof ORG_KEY_ALG;
  readonly orgId: string;
  readonly keyVersion: number;
  readonly encryptionPublicKey: string;
  readonly encryptionKeyId: string;
  readonly signingPublicKey: string;
  readonly signingKeyId: string;
};

/** An organization's X25519 public key, to seal a data key to. */
export interface RecipientKey {
  readonly orgId: string;
  readonly keyId: string;
  readonly publicKey: Uint8Array;
}

/** An organization's Ed25519 public key, to verify what it signed. */
export interface SigningKey {
  readonly orgId: string;
  readonly keyId: string;
  readonly publicKey: Uint8Array;
}

/** New key pairs for an organization; version 1 unless rotating. */
export async function generateOrgKeys(orgId: string, keyVersion = 1): Promise<OrgKeys> {
  await loadSodium();
  // From our own random secrets rather than crypto_box_keypair/crypto_sign_keypair:
  // the same derivation the keyfile uses to rebuild keys, and the faster RNG.
  return orgKeysFromSecrets(orgId, keyVersion, randomBytes(X25519_PRIVATE_KEY_BYTES), randomBytes(ED25519_SEED_BYTES));
}

/**
 * Rebuilds key pairs from the two secrets a keyfile stores: the X25519
 * private key (its public key is scalarmult_base of it, as libsodium's
 * crypto_box_keypair does) and the Ed25519 seed.
 */
export function orgKeysFromSecrets(
  orgId: string,
  keyVersion: number,
  encryptionPrivateKey: Uint8Array,
  signingSeed: Uint8Array,
): OrgKeys {
  requireId(orgId, 'orgId');
  requireVersionNumber(keyVersion, 'keyVersion', 1);
  if (encryptionPrivateKey.length !== X25519_PRIVATE_KEY_BYTES || signingSeed.length !== ED25519_SEED_BYTES) {
    throw new MalformedInputError('key secrets: wrong length');
  }
  const s = sodium();
  const encryptionPublicKey = s.crypto_scalarmult_base(encryptionPrivateKey);
  const signing = s.crypto_sign_seed_keypair(signingSeed);
  return {
    orgId,
    keyVersion,
    encryption: {
      publicKey: encryptionPublicKey,
      privateKey: encryptionPrivateKey.slice(),
      keyId: keyIdOf(encryptionPublicKey),
    },
    signing: { publicKey: signing.publicKey, privateKey: signing.privateKey, keyId: keyIdOf(signing.publicKey) },
  };
}

/** The public half, for registration in the key directory. */
export function toPublicKeyRecord(keys: OrgKeys): OrgPublicKeyRecord {
  return {
    v: FORMAT_VERSION,
    alg: ORG_KEY_ALG,
    orgId: keys.orgId,
    keyVersion: keys.keyVersion,
    encryptionPublicKey: toBase64Url(keys.encryption.publicKey),
    encryptionKeyId: keys.encryption.keyId,
    signingPublicKey: toBase64Url(keys.signing.publicKey),
    signingKeyId: keys.signing.keyId,
  };
}

/** Validates a record from the directory, including that each key id is the hash of its key. */
const PUBLIC_KEY_RECORD_FIELDS = [
  'v',
  'alg',
  'orgId',
  'keyVersion',
  'encryptionPublicKey',
  'encryptionKeyId',
  'signingPublicKey',
  'signingKeyId',
] as const satisfies readonly (keyof OrgPublicKeyRecord)[];

export function parsePublicKeyRecord(value: unknown): OrgPublicKeyRecord {
  const o = requireObject(value, 'public key record');
  assertFormat(o, ORG_KEY_ALG, 'public key record');
  requireKnownFields(o, PUBLIC_KEY_RECORD_FIELDS, 'public key record');
  const encryptionPublicKey = fromBase64Url(o.encryptionPublicKey, 'encryptionPublicKey', { length: PUBLIC_KEY_BYTES });
  const signingPublicKey = fromBase64Url(o.signingPublicKey, 'signingPublicKey', { length: PUBLIC_KEY_BYTES });
  if (keyIdOf(encryptionPublicKey) !== o.encryptionKeyId || keyIdOf(signingPublicKey) !== o.signingKeyId) {
    throw new KeyMismatchError('public key record: a key id is not the hash of its key');
  }
  return {
    v: FORMAT_VERSION,
    alg: ORG_KEY_ALG,
    orgId: requireId(o.orgId, 'orgId'),
    keyVersion: requireVersionNumber(o.keyVersion, 'keyVersion', 1),
    encryptionPublicKey: o.encryptionPublicKey as string,
    encryptionKeyId: o.encryptionKeyId,
    signingPublicKey: o.signingPublicKey as string,
    signingKeyId: o.signingKeyId,
  };
}

/** The recipient side of keys or of a (validated) directory record. */
export function recipientKeyOf(source: OrgKeys | OrgPublicKeyRecord): RecipientKey {
  if ('encryption' in source) {
    return { orgId: source.orgId, keyId: source.encryption.keyId, publicKey: source.encryption.publicKey };
  }
  return {
    orgId: source.orgId,
    keyId: source.encryptionKeyId,
    publicKey: fromBase64Url(source.encryptionPublicKey, 'encryptionPublicKey', { length: PUBLIC_KEY_BYTES }),
  };
}

/** The verifying side of keys or of a (validated) directory record. */
export function signingKeyOf(source: OrgKeys | OrgPublicKeyRecord): SigningKey {
  if ('signing' in source) {
    return { orgId: source.orgId, keyId: source.signing.keyId, publicKey: source.signing.publicKey };
  }
  return {
    orgId: source.orgId,
    keyId: source.signingKeyId,
    publicKey: fromBase64Url(source.signingPublicKey, 'signingPublicKey', { length: PUBLIC_KEY_BYTES }),
  };
}

/**
 * The key version whose X25519 key an envelope names. An organization keeps
 * older versions after a rotation to open envelopes sealed before it.
 */
export function selectKeysFor(myKeys: OrgKeys | readonly OrgKeys[], orgId: string, encryptionKeyId: string): OrgKeys {
  const ring = isSingleKeys(myKeys) ? [myKeys] : myKeys;
  const found = ring.find((keys) => keys.orgId === orgId && keys.encryption.keyId === encryptionKeyId);
  if (!found) throw new KeyMismatchError('envelope: not sealed to any of the given keys');
  return found;
}

function isSingleKeys(myKeys: OrgKeys | readonly OrgKeys[]): myKeys is OrgKeys {
  return 'encryption' in myKeys;
}

/** The newest version in a key ring: the one that signs and receives new envelopes. */
export function latestKeys(ring: readonly OrgKeys[]): OrgKeys {
  const latest = ring.reduce<OrgKeys | undefined>(
    (best, keys) => (!best || keys.keyVersion > best.keyVersion ? keys : best),
    undefined,
  );
  if (!latest) throw new MalformedInputError('key ring: empty');
  return latest;
}

/** Overwrites private key bytes, e.g. when a session locks. Best effort: JS may hold copies. */
export function wipeOrgKeys(keys: OrgKeys): void {
  const s = sodium();
  s.memzero(keys.encryption.privateKey);
  s.memzero(keys.signing.privateKey);
}
