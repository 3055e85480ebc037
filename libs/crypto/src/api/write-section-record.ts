import { SECTION_ALG, SECTION_FORMAT_VERSION } from '../algorithms';
import { toBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { MalformedInputError } from '../errors';
import { type Recipient } from '../envelope/envelope';
import { type OrgKeys, recipientKeyOf } from '../keys/org-keys';
import { encryptSectionContent } from '../section/section-aead';
import { type SectionContext } from '../section/section-context';
import { type SectionRecord } from '../section/section-record';
import { signSection } from '../section/section-signature';
import { requireId, requireSection, requireVersionNumber } from '../validate';

export type Plaintext = Uint8Array | string;

/** Encrypts content under a data key and signs the result as `author`. */
export function writeSectionRecord(
  context: SectionContext,
  plaintext: Plaintext,
  dataKey: Uint8Array,
  author: OrgKeys,
): SectionRecord {
  const checked: SectionContext = {
    caseId: requireId(context.caseId, 'caseId'),
    section: requireSection(context.section, 'section'),
    contentVersion: requireVersionNumber(context.contentVersion, 'contentVersion', 0),
    keyVersion: requireVersionNumber(context.keyVersion, 'keyVersion', 1),
  };
  const bytes = toBytes(plaintext);
  const { nonce, ciphertext } = encryptSectionContent(bytes, checked, dataKey);
  const fields = {
    v: SECTION_FORMAT_VERSION,
    ...checked,
    alg: SECTION_ALG,
    nonce: toBase64Url(nonce),
    authorOrgId: author.orgId,
  };
  const signature = signSection(fields, ciphertext, author.signing.privateKey);
  return {
    ...fields,
    ciphertext: toBase64Url(ciphertext),
    authorKeyId: author.signing.keyId,
    signature: toBase64Url(signature),
  };
}

function toBytes(plaintext: Plaintext): Uint8Array {
  if (typeof plaintext === 'string') return utf8Encode(plaintext);
  if (plaintext instanceof Uint8Array) return plaintext;
  throw new MalformedInputError('plaintext: expected a string or bytes');
}

/**
 * The recipients, once each, plus the author's own key: an organization must
 * be able to read what it wrote, and a section nobody can open is lost data.
 */
export function recipientsWithAuthor(recipients: readonly Recipient[], author: OrgKeys): Recipient[] {
  const seen = new Set<string>();
  const all: Recipient[] = [];
  for (const recipient of recipients) {
    if (seen.has(recipient.keyId)) continue;
    seen.add(recipient.keyId);
    all.push(recipient);
  }
  if (!seen.has(author.encryption.keyId)) all.unshift(recipientKeyOf(author));
  return all;
}
