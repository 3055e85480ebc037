// Test data for the crypto SDK's specs: organizations with fresh keys and
// sealed sections, built through the public API only.
import {
  type CryptoError,
  type CryptoErrorCode,
  type KeyEnvelope,
  type OrgKeys,
  type Recipient,
  type SealedSection,
  type SectionName,
  generateOrgKeys,
  recipientKeyOf,
  sealSection,
} from '../src/index';

let sequence = 0;

export function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export function newOrg(orgId: string = nextId('org'), keyVersion = 1): Promise<OrgKeys> {
  return generateOrgKeys(orgId, keyVersion);
}

export function recipient(keys: OrgKeys, consentId?: string): Recipient {
  return consentId === undefined ? recipientKeyOf(keys) : { ...recipientKeyOf(keys), consentId };
}

export interface SectionFixture extends SealedSection {
  readonly author: OrgKeys;
  readonly plaintext: string;
}

export async function newSealedSection(
  overrides: {
    author?: OrgKeys;
    recipients?: readonly Recipient[];
    caseId?: string;
    section?: SectionName;
    contentVersion?: number;
    keyVersion?: number;
    plaintext?: string;
  } = {},
): Promise<SectionFixture> {
  const author = overrides.author ?? (await newOrg());
  const plaintext = overrides.plaintext ?? `{"legalName":"${nextId('CANARY-name')}","pronouns":"elle"}`;
  const sealed = await sealSection({
    caseId: overrides.caseId ?? nextId('case'),
    section: overrides.section ?? 'identity',
    contentVersion: overrides.contentVersion ?? 1,
    keyVersion: overrides.keyVersion ?? 1,
    plaintext,
    author,
    recipients: overrides.recipients ?? [],
  });
  return { ...sealed, author, plaintext };
}

export function envelopeFor(envelopes: readonly KeyEnvelope[], keys: OrgKeys): KeyEnvelope {
  const envelope = envelopes.find((e) => e.recipientKeyId === keys.encryption.keyId);
  if (!envelope) throw new Error(`no envelope for ${keys.orgId}`);
  return envelope;
}

/** Flips one bit of a base64url field's decoded bytes, keeping the encoding valid. */
export function flipBit(base64url: string, byteIndex = 0): string {
  const bytes = Buffer.from(base64url, 'base64url');
  const at = byteIndex % bytes.length;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

/**
 * Matches an error carrying this CryptoError code. A hand-made asymmetric
 * matcher rather than expect.objectContaining: this file is also compiled by
 * the production build, which has no jest globals.
 */
export function withCode(code: CryptoErrorCode): CryptoError {
  const describe = (): string => `CryptoError(${code})`;
  const matcher = {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (actual: unknown): boolean =>
      actual instanceof Error && (actual as { code?: unknown }).code === code,
    toString: describe,
    toAsymmetricMatcher: describe,
  };
  return matcher as unknown as CryptoError;
}
