import { CryptoUnavailableError } from './errors';

interface RandomSource {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
}

// libsodium.js draws its randomness 4 bytes per call into node:crypto, about
// 8 µs a call in Node: 60 µs for a 24-byte nonce, and half the cost of a
// sealed box. WebCrypto's getRandomValues is the same operating-system CSPRNG,
// present in Node >= 19 and every browser, in one call.
const source: RandomSource | undefined = (globalThis as { crypto?: RandomSource }).crypto;

/** `length` bytes from the platform CSPRNG (at most 65,536 per call, as WebCrypto allows). */
export function randomBytes(length: number): Uint8Array {
  if (!source) throw new CryptoUnavailableError('no WebCrypto getRandomValues in this runtime');
  const out = new Uint8Array(length);
  source.getRandomValues(out);
  return out;
}
