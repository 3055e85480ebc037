import { CryptoError, initCrypto } from '@app/crypto';
import { DomainError } from '@app/errors';

/**
 * Runs the SDK's strict parser or verifier on what a client sent and turns
 * its errors into problem+json: 400 for a malformed or unsupported object,
 * 422 for one that is well formed but fails a signature or key check. The
 * SDK's messages name the check and the field, never a value, so they are
 * safe to return.
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

function rejectedCryptoInput(error: CryptoError): DomainError {
  const verification = error.code === 'CRYPTO.SIGNATURE_INVALID' || error.code === 'CRYPTO.KEY_MISMATCH';
  return new DomainError(error.code, verification ? 422 : 400, error.message);
}
