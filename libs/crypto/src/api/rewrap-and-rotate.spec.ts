import { envelopeFor, flipBit, newOrg, newSealedSection, recipient, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { utf8Decode } from '../encoding/utf8';
import { sealDataKey } from '../envelope/envelope';
import { rotateOrgKeys } from '../keys/key-rotation';
import { recipientKeyOf, signingKeyOf } from '../keys/org-keys';
import { newDataKey } from '../section/section-aead';
import { openSection } from './open-section';
import { rewrapForGrantee } from './rewrap-for-grantee';
import { rotateSection } from './rotate-section';

describe('rewrapForGrantee', () => {
  it('gives a newly granted organization the existing data key, under its consent', async () => {
    const [owner, grantee] = [await newOrg(), await newOrg()];
    const { record, envelopes, plaintext } = await newSealedSection({ author: owner });
    const granted = await rewrapForGrantee({
      record,
      authorSigningKey: signingKeyOf(owner),
      envelope: envelopeFor(envelopes, owner),
      myKeys: owner,
      grantee: recipient(grantee, 'consent-42'),
    });
    expect(granted).toMatchObject({
      caseId: record.caseId,
      section: record.section,
      keyVersion: record.keyVersion,
      recipientOrgId: grantee.orgId,
      consentId: 'consent-42',
    });
    const opened = await openSection({
      record,
      envelope: granted,
      myKeys: grantee,
      authorSigningKey: signingKeyOf(owner),
    });
    expect(utf8Decode(opened)).toBe(plaintext);
  });

  it('opens the owner envelope with an older key version after an organization key rotation', async () => {
    const owner = await newOrg('org-rot', 1);
    const grantee = await newOrg();
    const { record, envelopes } = await newSealedSection({ author: owner });
    const { keys: owner2 } = await rotateOrgKeys(owner);
    const granted = await rewrapForGrantee({
      record,
      authorSigningKey: signingKeyOf(owner),
      envelope: envelopeFor(envelopes, owner),
      myKeys: [owner, owner2],
      grantee: recipient(grantee),
    });
    await expect(
      openSection({ record, envelope: granted, myKeys: grantee, authorSigningKey: signingKeyOf(owner) }),
    ).resolves.toBeInstanceOf(Uint8Array);
  });

  it('refuses when the owner cannot open the envelope', async () => {
    const [owner, other, grantee] = [await newOrg(), await newOrg(), await newOrg()];
    const { record, envelopes } = await newSealedSection({ author: owner });
    await expect(
      rewrapForGrantee({
        record,
        authorSigningKey: signingKeyOf(owner),
        envelope: envelopeFor(envelopes, owner),
        myKeys: other,
        grantee: recipient(grantee),
      }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
  });

  describe('proves the data key against the signed record before sealing it to anyone', () => {
    it('refuses an envelope a server sealed to the owner with a key of its own', async () => {
      const [owner, grantee] = [await newOrg(), await newOrg()];
      const { record } = await newSealedSection({ author: owner });
      // Sealed boxes are anonymous: anyone with the owner's public key can make this.
      const forged = sealDataKey({
        caseId: record.caseId,
        section: record.section,
        keyVersion: record.keyVersion,
        dataKey: newDataKey(),
        recipient: recipientKeyOf(owner),
      });
      const error = await rewrapForGrantee({
        record,
        authorSigningKey: signingKeyOf(owner),
        envelope: forged,
        myKeys: owner,
        grantee: recipient(grantee),
      }).catch((e: unknown) => e);
      expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
      expect((error as Error).message).toMatch(/does not open the signed record/);
    });

    it('refuses a record the author did not sign, or one signed by another key', async () => {
      const [owner, outsider, grantee] = [await newOrg(), await newOrg(), await newOrg()];
      const { record, envelopes } = await newSealedSection({ author: owner });
      const input = { envelope: envelopeFor(envelopes, owner), myKeys: owner, grantee: recipient(grantee) };
      await expect(
        rewrapForGrantee({
          ...input,
          record: { ...record, ciphertext: flipBit(record.ciphertext) },
          authorSigningKey: signingKeyOf(owner),
        }),
      ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
      await expect(rewrapForGrantee({ ...input, record, authorSigningKey: signingKeyOf(outsider) })).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
      );
    });

    it('refuses a record of another case, section or key version than the envelope', async () => {
      const [owner, grantee] = [await newOrg(), await newOrg()];
      const shared = await newSealedSection({ author: owner, keyVersion: 1 });
      const other = await newSealedSection({ author: owner, keyVersion: 2, caseId: shared.record.caseId });
      await expect(
        rewrapForGrantee({
          record: other.record,
          authorSigningKey: signingKeyOf(owner),
          envelope: envelopeFor(shared.envelopes, owner),
          myKeys: owner,
          grantee: recipient(grantee),
        }),
      ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    });
  });
});

describe('rotateSection', () => {
  it('re-encrypts under keyVersion + 1 with a new data key, sealed only to organizations still granted', async () => {
    const [owner, kept, revoked] = [await newOrg('org-owner'), await newOrg('org-kept'), await newOrg('org-revoked')];
    const before = await newSealedSection({
      author: owner,
      recipients: [recipient(kept), recipient(revoked)],
      keyVersion: 1,
      contentVersion: 5,
    });
    const after = await rotateSection({
      record: before.record,
      envelope: envelopeFor(before.envelopes, owner),
      myKeys: owner,
      authorSigningKey: signingKeyOf(owner),
      author: owner,
      recipients: [recipient(kept, 'consent-kept')],
    });
    expect(after.record).toMatchObject({
      caseId: before.record.caseId,
      section: before.record.section,
      keyVersion: 2,
      contentVersion: 6,
    });
    expect(after.envelopes.map((e) => e.recipientOrgId).sort()).toEqual(['org-kept', 'org-owner']);
    expect(after.envelopes.every((e) => e.keyVersion === 2)).toBe(true);

    for (const reader of [owner, kept]) {
      const opened = await openSection({
        record: after.record,
        envelope: envelopeFor(after.envelopes, reader),
        myKeys: reader,
        authorSigningKey: signingKeyOf(owner),
      });
      expect(utf8Decode(opened)).toBe(before.plaintext);
    }
    // The revoked organization's old envelope names the retired key version...
    const old = envelopeFor(before.envelopes, revoked);
    await expect(
      openSection({ record: after.record, envelope: old, myKeys: revoked, authorSigningKey: signingKeyOf(owner) }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    // ...and relabelled as the new one, its data key does not decrypt the new content.
    await expect(
      openSection({
        record: after.record,
        envelope: { ...old, keyVersion: 2 },
        myKeys: revoked,
        authorSigningKey: signingKeyOf(owner),
      }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED));
  });

  it('can write new content with the rotation and sign with a newer org key', async () => {
    const owner = await newOrg('org-o', 1);
    const before = await newSealedSection({ author: owner, contentVersion: 1 });
    const { keys: owner2 } = await rotateOrgKeys(owner);
    const after = await rotateSection({
      record: before.record,
      envelope: envelopeFor(before.envelopes, owner),
      myKeys: [owner, owner2],
      authorSigningKey: signingKeyOf(owner),
      author: owner2,
      recipients: [],
      contentVersion: 7,
      plaintext: 'rewritten',
    });
    expect(after.record).toMatchObject({ contentVersion: 7, keyVersion: 2, authorKeyId: owner2.signing.keyId });
    expect(after.envelopes.map((e) => e.recipientKeyId)).toEqual([owner2.encryption.keyId]);
    const opened = await openSection({
      record: after.record,
      envelope: after.envelopes[0]!,
      myKeys: [owner, owner2],
      authorSigningKey: signingKeyOf(owner2),
    });
    expect(utf8Decode(opened)).toBe('rewritten');
  });

  it('verifies the current record before rotating it', async () => {
    const owner = await newOrg();
    const before = await newSealedSection({ author: owner });
    const input = {
      envelope: envelopeFor(before.envelopes, owner),
      myKeys: owner,
      authorSigningKey: signingKeyOf(owner),
      author: owner,
      recipients: [],
    };
    await expect(
      rotateSection({ ...input, record: { ...before.record, ciphertext: flipBit(before.record.ciphertext) } }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
    await expect(
      rotateSection({ ...input, record: { ...before.record, caseId: 'case-elsewhere' }, plaintext: 'x' }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
    await expect(
      rotateSection({ ...input, record: before.record, contentVersion: before.record.contentVersion }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });
});
