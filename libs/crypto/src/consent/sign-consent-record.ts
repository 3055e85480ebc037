import { FORMAT_VERSION, SIGNATURE_ALG } from '../algorithms';
import { toBase64Url } from '../encoding/base64url';
import { KeyMismatchError } from '../errors';
import { type OrgKeys } from '../keys/org-keys';
import { loadSodium } from '../sodium';
import { consentSignaturePayload } from './consent-receipt';
import { type ConsentReceipt, type ConsentRecord } from './consent-types';
import { parseConsentRecord } from './parse-consent-record';

/**
 * The consent receipt: the collecting organization's Ed25519 signature over
 * the record's canonical JSON. The record is validated first, so nothing is
 * ever signed that a verifier would refuse, and only an organization that
 * collected the consent can sign it.
 */
export async function signConsentRecord(record: ConsentRecord, signer: OrgKeys): Promise<ConsentReceipt> {
  const s = await loadSodium();
  const checked = parseConsentRecord(record);
  if (signer.orgId !== checked.collectedBy.orgId)
    throw new KeyMismatchError('consent record: signer is not the collecting organization');
  const signature = s.crypto_sign_detached(consentSignaturePayload(checked), signer.signing.privateKey);
  return {
    v: FORMAT_VERSION,
    alg: SIGNATURE_ALG,
    record: checked,
    signerKeyId: signer.signing.keyId,
    signature: toBase64Url(signature),
  };
}
