// Client SDK for end-to-end encrypted case sections (design:
// crypto-and-consent.md). Runs in Node and browsers; the servers only ever
// see its output. Start with initCrypto(), or just await any async call.

export * from './errors';
export { initCrypto } from './sodium';
export * from './algorithms';
export * from './sections';
export { type JsonValue, canonicalJson } from './canonical-json';
export { type DecodeOptions, fromBase64Url, toBase64Url } from './encoding/base64url';
export { utf8Decode, utf8Encode } from './encoding/utf8';
export { KEY_ID_BYTES, blake2b256, keyIdOf } from './hash';

export * from './keys/org-keys';
export * from './keys/key-rotation';
export * from './keys/keyfile';
export * from './keys/fingerprint';
export * from './keys/org-keys-fingerprint';
export * from './key-directory';

export { type SectionContext, sectionAssociatedData } from './section/section-context';
export * from './section/section-record';
export { type SignedSectionFields, sectionSignaturePayload, verifySectionSignature } from './section/section-signature';
export { DATA_KEY_BYTES } from './section/section-aead';
export {
  LARGEST_SECTION_BUCKET,
  SMALLEST_SECTION_BUCKET,
  isSectionBucket,
  sectionBucketFor,
} from './section/section-padding';

export * from './envelope/envelope';

export { type Plaintext } from './api/write-section-record';
export * from './api/seal-section';
export * from './api/open-section';
export * from './api/rewrap-for-grantee';
export * from './api/rotate-section';
export * from './api/write-next-version';

export * from './access-log';

export * from './consent/consent-vocabulary';
export * from './consent/consent-types';
export * from './consent/consent-id';
export * from './consent/client-ref';
export * from './consent/parse-consent-record';
export * from './consent/consent-receipt';
export * from './consent/sign-consent-record';
export * from './consent/verify-consent-receipt';

export * from './section-content';
export * from './referral';
