import { type FormatVersion, ENVELOPE_ALG, FORMAT_VERSION, assertFormat } from '../algorithms';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { KeyMismatchError, MalformedInputError } from '../errors';
import { keyIdOf } from '../hash';
import { type OrgKeys, type RecipientKey, PUBLIC_KEY_BYTES, selectKeysFor } from '../keys/org-keys';
import { type SectionName } from '../sections';
import { DATA_KEY_BYTES } from '../section/section-aead';
import {
  requireId,
  requireInstant,
  requireKeyId,
  requireKnownFields,
  requireObject,
  requireSection,
  requireVersionNumber,
} from '../validate';
import { SEALED_BOX_OVERHEAD, openBox, sealBox } from './sealed-box';

export const SEALED_KEY_BYTES = DATA_KEY_BYTES + SEALED_BOX_OVERHEAD;

/** A section's data key, sealed to one organization's X25519 key. */
export type KeyEnvelope = {
  readonly v: FormatVersion;
  readonly alg: typeof ENVELOPE_ALG;
  readonly caseId: string;
  readonly section: SectionName;
  readonly keyVersion: number;
  readonly recipientOrgId: string;
  /** Id of the recipient's X25519 key. */
  readonly recipientKeyId: string;
  readonly sealedKey: string;
  /** The consent grant this envelope exists under (the owner's own envelopes have none). */
  readonly consentId?: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
};

/** Where an envelope's data key belongs. */
export type EnvelopeContext = {
  readonly caseId: string;
  readonly section: SectionName;
  readonly keyVersion: number;
};

/** A recipient, optionally with the consent grant its envelope is made under. */
export type Recipient = RecipientKey & { readonly consentId?: string };

export interface SealDataKeyInput extends EnvelopeContext {
  readonly dataKey: Uint8Array;
  readonly recipient: Recipient;
  /** Defaults to now. */
  readonly createdAt?: string;
}

/** Seals a data key to a recipient, after checking its key id is the hash of its key. */
export function sealDataKey(input: SealDataKeyInput): KeyEnvelope {
  const { recipient } = input;
  requireId(recipient.orgId, 'recipient.orgId');
  if (!(recipient.publicKey instanceof Uint8Array) || recipient.publicKey.length !== PUBLIC_KEY_BYTES) {
    throw new MalformedInputError('recipient.publicKey: expected 32 bytes');
  }
  if (keyIdOf(recipient.publicKey) !== recipient.keyId)
    throw new KeyMismatchError('recipient: key id is not the hash of its key');
  if (input.dataKey.length !== DATA_KEY_BYTES) throw new MalformedInputError('dataKey: expected 32 bytes');
  const envelope: KeyEnvelope = {
    v: FORMAT_VERSION,
    alg: ENVELOPE_ALG,
    caseId: requireId(input.caseId, 'caseId'),
    section: requireSection(input.section, 'section'),
    keyVersion: requireVersionNumber(input.keyVersion, 'keyVersion', 1),
    recipientOrgId: recipient.orgId,
    recipientKeyId: recipient.keyId,
    sealedKey: toBase64Url(sealBox(input.dataKey, recipient.publicKey)),
    createdAt: input.createdAt === undefined ? new Date().toISOString() : requireInstant(input.createdAt, 'createdAt'),
  };
  return recipient.consentId === undefined
    ? envelope
    : { ...envelope, consentId: requireId(recipient.consentId, 'consentId') };
}

const ENVELOPE_FIELDS = [
  'v',
  'alg',
  'caseId',
  'section',
  'keyVersion',
  'recipientOrgId',
  'recipientKeyId',
  'sealedKey',
  'consentId',
  'createdAt',
] as const satisfies readonly (keyof KeyEnvelope)[];

export function parseEnvelope(value: unknown): KeyEnvelope {
  return decodeEnvelope(value).envelope;
}

/** Validates an envelope received as JSON and decodes its sealed key once. */
export function decodeEnvelope(value: unknown): { envelope: KeyEnvelope; sealedKey: Uint8Array } {
  const o = requireObject(value, 'envelope');
  assertFormat(o, ENVELOPE_ALG, 'envelope');
  requireKnownFields(o, ENVELOPE_FIELDS, 'envelope');
  const sealedKey = fromBase64Url(o.sealedKey, 'envelope.sealedKey', { length: SEALED_KEY_BYTES });
  const envelope: KeyEnvelope = {
    v: FORMAT_VERSION,
    alg: ENVELOPE_ALG,
    caseId: requireId(o.caseId, 'envelope.caseId'),
    section: requireSection(o.section, 'envelope.section'),
    keyVersion: requireVersionNumber(o.keyVersion, 'envelope.keyVersion', 1),
    recipientOrgId: requireId(o.recipientOrgId, 'envelope.recipientOrgId'),
    recipientKeyId: requireKeyId(o.recipientKeyId, 'envelope.recipientKeyId'),
    sealedKey: o.sealedKey as string,
    createdAt: requireInstant(o.createdAt, 'envelope.createdAt'),
  };
  if (o.consentId === undefined) return { envelope, sealedKey };
  return { envelope: { ...envelope, consentId: requireId(o.consentId, 'envelope.consentId') }, sealedKey };
}

/**
 * Opens an envelope with whichever of my key versions it names. The caller
 * must wipe the returned key (sodium memzero) when done with it.
 */
export function openDataKey(
  value: unknown,
  myKeys: OrgKeys | readonly OrgKeys[],
  expected?: EnvelopeContext,
): Uint8Array {
  const { envelope, sealedKey } = decodeEnvelope(value);
  if (expected && !sameContext(envelope, expected)) {
    throw new KeyMismatchError('envelope: belongs to another case, section or key version');
  }
  const keys = selectKeysFor(myKeys, envelope.recipientOrgId, envelope.recipientKeyId);
  const dataKey = openBox(sealedKey, keys.encryption.publicKey, keys.encryption.privateKey);
  if (dataKey.length !== DATA_KEY_BYTES) throw new MalformedInputError('envelope: sealed key has the wrong length');
  return dataKey;
}

function sameContext(a: EnvelopeContext, b: EnvelopeContext): boolean {
  return a.caseId === b.caseId && a.section === b.section && a.keyVersion === b.keyVersion;
}
