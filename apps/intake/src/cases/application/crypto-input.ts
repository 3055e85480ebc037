import { CryptoError, initCrypto } from '@app/crypto';
import { type DomainError, PLATFORM_ERRORS } from '@app/errors';

/**
 * Runs the SDK's strict parser or verifier on what a client sent and relays
 * its errors under the SDK's own codes; the platform catalog answers 400 for
 * a malformed or unsupported object, 422 for one that is well formed but
 * fails a signature or key check. The SDK's messages name the check and the
 * field, never a value, so they are safe to return.
 */
export async function checkedInput<T>(check: () => T | Promise<T>): Promise<T> {
  // The SDK's synchronous parsers need libsodium loaded; after the first call this resolves at once.
  await initCrypto();
  try {
    return await check();
  } catch (error) {
    if (error instanceof CryptoError) throw rejectedCryptoInput(error);
    throw error;
  }
}

// Compiles only while the platform catalog lists every code the SDK can throw.
function rejectedCryptoInput(error: CryptoError): DomainError {
  return PLATFORM_ERRORS.error(error.code, error.message);
}
