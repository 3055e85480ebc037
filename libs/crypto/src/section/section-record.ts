import { type SectionFormatVersion, SECTION_ALG, SECTION_FORMAT_VERSION, assertFormat } from '../algorithms';
import { fromBase64Url } from '../encoding/base64url';
import { MalformedInputError } from '../errors';
import { type SectionName } from '../sections';
import { LARGEST_SECTION_BUCKET, isSectionBucket } from './section-padding';
import {
  requireId,
  requireKeyId,
  requireKnownFields,
  requireObject,
  requireSection,
  requireVersionNumber,
} from '../validate';

export const SECTION_NONCE_BYTES = 24;
export const SECTION_TAG_BYTES = 16;
export const SIGNATURE_BYTES = 64;
/** The largest padding bucket (16 MiB, far beyond any form) plus the tag: bounds what a server can make us hash. */
export const MAX_SECTION_CIPHERTEXT_BYTES = LARGEST_SECTION_BUCKET + SECTION_TAG_BYTES;

/** An encrypted, signed section as the servers store and relay it. Binary fields are base64url. */
export type SectionRecord = {
  readonly v: SectionFormatVersion;
  readonly alg: typeof SECTION_ALG;
  readonly caseId: string;
  readonly section: SectionName;
  readonly contentVersion: number;
  readonly keyVersion: number;
  readonly nonce: string;
  readonly ciphertext: string;
  readonly authorOrgId: string;
  /** Id of the author's Ed25519 signing key. */
  readonly authorKeyId: string;
  readonly signature: string;
};

/** A validated record with its binary fields decoded once. */
export interface DecodedSectionRecord {
  readonly record: SectionRecord;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly signature: Uint8Array;
}

export function parseSectionRecord(value: unknown): SectionRecord {
  return decodeSectionRecord(value).record;
}

/** Validates every field (format, ids, lengths, encodings) of a record received as JSON. */
const SECTION_RECORD_FIELDS = [
  'v',
  'alg',
  'caseId',
  'section',
  'contentVersion',
  'keyVersion',
  'nonce',
  'ciphertext',
  'authorOrgId',
  'authorKeyId',
  'signature',
] as const satisfies readonly (keyof SectionRecord)[];

export function decodeSectionRecord(value: unknown): DecodedSectionRecord {
  const o = requireObject(value, 'section record');
  assertFormat(o, SECTION_ALG, 'section record', SECTION_FORMAT_VERSION);
  requireKnownFields(o, SECTION_RECORD_FIELDS, 'section record');
  const nonce = fromBase64Url(o.nonce, 'section record.nonce', { length: SECTION_NONCE_BYTES });
  const ciphertext = fromBase64Url(o.ciphertext, 'section record.ciphertext', {
    maxLength: MAX_SECTION_CIPHERTEXT_BYTES,
  });
  // Public, so checked here, before any signature or key: a record whose
  // length is not a bucket was not padded, and it is refused by intake too.
  if (!isSectionBucket(ciphertext.length - SECTION_TAG_BYTES))
    throw new MalformedInputError('section record.ciphertext: not a padding bucket plus the tag');
  const signature = fromBase64Url(o.signature, 'section record.signature', { length: SIGNATURE_BYTES });
  const record: SectionRecord = {
    v: SECTION_FORMAT_VERSION,
    alg: SECTION_ALG,
    caseId: requireId(o.caseId, 'section record.caseId'),
    section: requireSection(o.section, 'section record.section'),
    contentVersion: requireVersionNumber(o.contentVersion, 'section record.contentVersion', 0),
    keyVersion: requireVersionNumber(o.keyVersion, 'section record.keyVersion', 1),
    nonce: o.nonce as string,
    ciphertext: o.ciphertext as string,
    authorOrgId: requireId(o.authorOrgId, 'section record.authorOrgId'),
    authorKeyId: requireKeyId(o.authorKeyId, 'section record.authorKeyId'),
    signature: o.signature as string,
  };
  return { record, nonce, ciphertext, signature };
}
