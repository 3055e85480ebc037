import { KeyMismatchError, SignatureInvalidError } from '../errors';
import { keyIdOf } from '../hash';
import { PUBLIC_KEY_BYTES, type SigningKey } from '../keys/org-keys';
import { loadSodium } from '../sodium';
import { consentSignaturePayload, decodeConsentReceipt } from './consent-receipt';
import { type ConsentReceipt } from './consent-types';

/**
 * Validates a receipt and checks it was signed by `signerKey` (from the key
 * directory), which must belong to the organization that collected the
 * consent. Returns the validated receipt; throws KEY_MISMATCH or
 * SIGNATURE_INVALID otherwise.
 */
export async function verifyConsentReceipt(value: unknown, signerKey: SigningKey): Promise<ConsentReceipt> {
  const s = await loadSodium();
  const { receipt, signature } = decodeConsentReceipt(value);
  if (receipt.signerKeyId !== signerKey.keyId) throw new KeyMismatchError('consent receipt: signed by another key');
  if (signerKey.orgId !== receipt.record.collectedBy.orgId) {
    throw new KeyMismatchError('consent receipt: signer is not the collecting organization');
  }
  // The directory's word for which key an id names is checked, not trusted.
  const publicKey = signerKey.publicKey;
  if (
    !(publicKey instanceof Uint8Array) ||
    publicKey.length !== PUBLIC_KEY_BYTES ||
    keyIdOf(publicKey) !== signerKey.keyId
  ) {
    throw new KeyMismatchError('consent signer key: key id is not the hash of its key');
  }
  if (!s.crypto_sign_verify_detached(signature, consentSignaturePayload(receipt.record), publicKey)) {
    throw new SignatureInvalidError('consent receipt');
  }
  return receipt;
}
