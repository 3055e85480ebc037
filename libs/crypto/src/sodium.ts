import * as sodiumNamespace from 'libsodium-wrappers-sumo';
import { CryptoUnavailableError } from './errors';

export type Sodium = typeof sodiumNamespace;

// The sumo build, because the standard libsodium-wrappers build ships without
// crypto_pwhash (Argon2id), which the keyfile needs; one build for everything
// keeps a single WebAssembly instance in memory.
//
// libsodium-wrappers fills its module object in only once `ready` resolves.
// A namespace import (TypeScript's and swc's CommonJS interop, or the ESM
// build, whose functions hang off the default export) copies the keys present
// at import time, so take the live object behind `default` when there is one.
const live: Sodium = (sodiumNamespace as unknown as { default?: Sodium }).default ?? sodiumNamespace;

const REQUIRED_FUNCTIONS = [
  'crypto_aead_xchacha20poly1305_ietf_encrypt',
  'crypto_aead_xchacha20poly1305_ietf_decrypt',
  'crypto_box_easy',
  'crypto_box_seal_open',
  'crypto_box_keypair',
  'crypto_scalarmult_base',
  'crypto_sign_keypair',
  'crypto_sign_seed_keypair',
  'crypto_sign_detached',
  'crypto_sign_verify_detached',
  'crypto_generichash',
  'crypto_pwhash',
  'memzero',
  'pad',
  'unpad',
] as const;

let loaded: Sodium | undefined;
let loading: Promise<Sodium> | undefined;

/** Loads libsodium once and checks that every function the SDK uses is there. */
export function loadSodium(): Promise<Sodium> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= live.ready.then(() => {
    const table = live as unknown as Record<string, unknown>;
    const missing = REQUIRED_FUNCTIONS.filter((name) => typeof table[name] !== 'function');
    if (missing.length > 0) throw new CryptoUnavailableError(`libsodium build lacks: ${missing.join(', ')}`);
    loaded = live;
    return live;
  });
  return loading;
}

/** Initializes the SDK. Every async entry point calls it; sync helpers need it done first. */
export async function initCrypto(): Promise<void> {
  await loadSodium();
}

/** The loaded library, for synchronous helpers called after initCrypto(). */
export function sodium(): Sodium {
  if (!loaded) throw new CryptoUnavailableError('crypto SDK used before initCrypto() resolved');
  return loaded;
}
