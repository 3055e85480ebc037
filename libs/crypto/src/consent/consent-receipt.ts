import { FORMAT_VERSION, SIGNATURE_ALG, assertFormat } from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { fromBase64Url } from '../encoding/base64url';
import { utf8Encode } from '../encoding/utf8';
import { requireKeyId, requireObject } from '../validate';
import { requireKnownFields } from '../validate';
import { type ConsentReceipt, type ConsentRecord } from './consent-types';
import { parseConsentRecord } from './parse-consent-record';

export const CONSENT_SIGNATURE_BYTES = 64;
const WHAT = 'consent receipt';
const RECEIPT_FIELDS = ['v', 'alg', 'record', 'signerKeyId', 'signature'] as const;

/** A validated receipt with its signature decoded once. */
export interface DecodedConsentReceipt {
  readonly receipt: ConsentReceipt;
  readonly signature: Uint8Array;
}

/** Bytes the collecting organization signs: the record's RFC 8785 canonical JSON, UTF-8. */
export function consentSignaturePayload(record: ConsentRecord): Uint8Array {
  return utf8Encode(canonicalJson(record));
}

/**
 * Strict validation of a receipt received as JSON: format first (`v`, then
 * `alg`), then no unknown field, then every field of the record. Does not
 * check the signature: verifyConsentReceipt does.
 */
export function parseConsentReceipt(value: unknown): ConsentReceipt {
  return decodeConsentReceipt(value).receipt;
}

export function decodeConsentReceipt(value: unknown): DecodedConsentReceipt {
  const o = requireObject(value, WHAT);
  assertFormat(o, SIGNATURE_ALG, WHAT);
  requireKnownFields(o, RECEIPT_FIELDS, WHAT);
  const record = parseConsentRecord(o.record);
  const signerKeyId = requireKeyId(o.signerKeyId, `${WHAT}.signerKeyId`);
  const signature = fromBase64Url(o.signature, `${WHAT}.signature`, { length: CONSENT_SIGNATURE_BYTES });
  return {
    receipt: { v: FORMAT_VERSION, alg: SIGNATURE_ALG, record, signerKeyId, signature: o.signature as string },
    signature,
  };
}
