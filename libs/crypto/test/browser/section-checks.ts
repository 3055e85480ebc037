// The section lifecycle in the page: seal, open, share with a new grantee,
// rotate after a withdrawal, and refuse tampered content.
import {
  CRYPTO_ERROR_CODES,
  type KeyEnvelope,
  type OrgKeys,
  type SealedSection,
  type SectionRecord,
  fromBase64Url,
  generateOrgKeys,
  newConsentId,
  openSection,
  recipientKeyOf,
  rewrapForGrantee,
  rotateSection,
  sealSection,
  signingKeyOf,
  toBase64Url,
  utf8Decode,
} from '../../src/index';
import { check, expectCryptoError, expectEqual } from './check';
import { type CheckResult, oneKilobyteSection } from './protocol';

export interface SectionChecks {
  readonly checks: CheckResult[];
  readonly sealed: SealedSection;
}

export async function runSectionChecks(owner: OrgKeys, grantee: OrgKeys): Promise<SectionChecks> {
  const plaintext = oneKilobyteSection('browser');
  const sealed = await sealSection({
    caseId: 'case-browser-1',
    section: 'health',
    contentVersion: 1,
    keyVersion: 1,
    plaintext,
    author: owner,
    recipients: [{ ...recipientKeyOf(grantee), consentId: newConsentId() }],
  });
  const open = async (record: SectionRecord, envelope: KeyEnvelope, reader: OrgKeys): Promise<string> =>
    utf8Decode(await openSection({ record, envelope, myKeys: reader, authorSigningKey: signingKeyOf(owner) }));
  const ownerEnvelope = envelopeOf(sealed.envelopes, owner);
  const granteeEnvelope = envelopeOf(sealed.envelopes, grantee);
  const clinic = await generateOrgKeys('org-clinic');

  const checks = [
    await check('sealSection 1 KB, openSection as the grantee', async () => {
      expectEqual(await open(sealed.record, granteeEnvelope, grantee), plaintext, 'grantee plaintext');
    }),
    await check('rewrapForGrantee: a newly granted organization opens the existing record', async () => {
      const envelope = await rewrapForGrantee({
        record: sealed.record,
        authorSigningKey: signingKeyOf(owner),
        envelope: ownerEnvelope,
        myKeys: owner,
        grantee: { ...recipientKeyOf(clinic), consentId: newConsentId() },
      });
      expectEqual(await open(sealed.record, envelope, clinic), plaintext, 'clinic plaintext');
    }),
    await check('rotateSection: keyVersion + 1, sealed only to those still granted', async () => {
      const rotated = await rotateSection({
        record: sealed.record,
        envelope: ownerEnvelope,
        myKeys: owner,
        authorSigningKey: signingKeyOf(owner),
        author: owner,
        recipients: [recipientKeyOf(clinic)],
      });
      expectEqual(rotated.record.keyVersion, 2, 'rotated keyVersion');
      expectEqual(
        rotated.envelopes
          .map((e) => e.recipientOrgId)
          .sort()
          .join(','),
        'org-clinic,org-owner',
        'rotated recipients',
      );
      expectEqual(
        await open(rotated.record, envelopeOf(rotated.envelopes, clinic), clinic),
        plaintext,
        'clinic plaintext after rotation',
      );
      // The withdrawn grantee's old envelope is for key version 1: useless on the new record.
      await expectCryptoError(CRYPTO_ERROR_CODES.KEY_MISMATCH, () => open(rotated.record, granteeEnvelope, grantee));
    }),
    await check('tampered ciphertext: CRYPTO.SIGNATURE_INVALID', async () => {
      const bytes = fromBase64Url(sealed.record.ciphertext, 'ciphertext').slice();
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      const tampered = { ...sealed.record, ciphertext: toBase64Url(bytes) };
      await expectCryptoError(CRYPTO_ERROR_CODES.SIGNATURE_INVALID, () => open(tampered, granteeEnvelope, grantee));
    }),
    await check('padding: 10 B and 1,000 B seal to one ciphertext length, 1,024 B to the next bucket', async () => {
      const lengthFor = async (bytes: number): Promise<number> => {
        const { record, envelopes } = await sealSection({
          caseId: 'case-browser-2',
          section: 'needs',
          contentVersion: 1,
          keyVersion: 1,
          plaintext: new Uint8Array(bytes).fill(0x62),
          author: owner,
          recipients: [],
        });
        const opened = await openSection({
          record,
          envelope: envelopeOf(envelopes, owner),
          myKeys: owner,
          authorSigningKey: signingKeyOf(owner),
        });
        expectEqual(opened.length, bytes, 'unpadded length');
        return fromBase64Url(record.ciphertext, 'ciphertext').length;
      };
      expectEqual(await lengthFor(10), 1024 + 16, '10 B');
      expectEqual(await lengthFor(1000), 1024 + 16, '1,000 B');
      expectEqual(await lengthFor(1024), 2048 + 16, '1,024 B');
    }),
  ];
  return { checks, sealed };
}

export function envelopeOf(envelopes: readonly KeyEnvelope[], keys: OrgKeys): KeyEnvelope {
  const envelope = envelopes.find((e) => e.recipientKeyId === keys.encryption.keyId);
  if (!envelope) throw new Error(`no envelope for ${keys.orgId}`);
  return envelope;
}
