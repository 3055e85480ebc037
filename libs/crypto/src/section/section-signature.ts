import { type SECTION_ALG, type SectionFormatVersion } from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { SignatureInvalidError } from '../errors';
import { blake2b256 } from '../hash';
import { sodium } from '../sodium';
import { type SectionContext } from './section-context';

/** The record fields the author signs, besides the ciphertext (signed through its hash). */
export type SignedSectionFields = SectionContext & {
  readonly v: SectionFormatVersion;
  readonly alg: typeof SECTION_ALG;
  readonly nonce: string;
  readonly authorOrgId: string;
};

/**
 * Bytes the author signs: RFC 8785 canonical JSON of {v, caseId, section,
 * contentVersion, keyVersion, alg, nonce, ciphertextHash, authorOrgId}, with
 * ciphertextHash = BLAKE2b-256 of the ciphertext, base64url. Sealed boxes are
 * anonymous, so without this signature anyone holding a recipient's public
 * key (a server, for one) could hand it content of their own making. `v` is
 * signed so a record cannot be passed off as another format.
 */
export function sectionSignaturePayload(fields: SignedSectionFields, ciphertext: Uint8Array): Uint8Array {
  return utf8Encode(
    canonicalJson({
      v: fields.v,
      caseId: fields.caseId,
      section: fields.section,
      contentVersion: fields.contentVersion,
      keyVersion: fields.keyVersion,
      alg: fields.alg,
      nonce: fields.nonce,
      ciphertextHash: toBase64Url(blake2b256(ciphertext)),
      authorOrgId: fields.authorOrgId,
    }),
  );
}

export function signSection(
  fields: SignedSectionFields,
  ciphertext: Uint8Array,
  signingPrivateKey: Uint8Array,
): Uint8Array {
  return sodium().crypto_sign_detached(sectionSignaturePayload(fields, ciphertext), signingPrivateKey);
}

/** Throws SIGNATURE_INVALID unless `signature` is the author's over these fields and ciphertext. */
export function verifySectionSignature(
  fields: SignedSectionFields,
  ciphertext: Uint8Array,
  signature: Uint8Array,
  signingPublicKey: Uint8Array,
): void {
  if (!sodium().crypto_sign_verify_detached(signature, sectionSignaturePayload(fields, ciphertext), signingPublicKey)) {
    throw new SignatureInvalidError('section record');
  }
}
