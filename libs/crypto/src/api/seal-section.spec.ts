import { envelopeFor, newOrg, newSealedSection, recipient, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { utf8Decode } from '../encoding/utf8';
import { signingKeyOf } from '../keys/org-keys';
import { SECTIONS } from '../sections';
import { openSection } from './open-section';
import { sealSection, updateSection } from './seal-section';

describe('sealSection / openSection', () => {
  it('round-trips for every recipient and the author', async () => {
    const [owner, shelter, lawyer] = [
      await newOrg('org-owner'),
      await newOrg('org-shelter'),
      await newOrg('org-lawyer'),
    ];
    const { record, envelopes, plaintext } = await newSealedSection({
      author: owner,
      recipients: [recipient(shelter, 'consent-1'), recipient(lawyer)],
    });
    expect(envelopes.map((e) => e.recipientOrgId)).toEqual(['org-owner', 'org-shelter', 'org-lawyer']);
    for (const reader of [owner, shelter, lawyer]) {
      const opened = await openSection({
        record,
        envelope: envelopeFor(envelopes, reader),
        myKeys: reader,
        authorSigningKey: signingKeyOf(owner),
      });
      expect(utf8Decode(opened)).toBe(plaintext);
    }
    expect(envelopeFor(envelopes, shelter).consentId).toBe('consent-1');
    expect(envelopeFor(envelopes, owner)).not.toHaveProperty('consentId');
  });

  it('survives JSON transport and carries alg and v everywhere', async () => {
    const { record, envelopes, author, plaintext } = await newSealedSection({ section: 'sogiesc', contentVersion: 0 });
    const [recordJson, envelopeJson] = [
      JSON.parse(JSON.stringify(record)) as typeof record,
      JSON.parse(JSON.stringify(envelopes[0])) as (typeof envelopes)[0],
    ];
    expect(record).toMatchObject({
      v: 2,
      alg: 'xchacha20poly1305-ietf',
      section: 'sogiesc',
      contentVersion: 0,
      keyVersion: 1,
      authorOrgId: author.orgId,
      authorKeyId: author.signing.keyId,
    });
    expect(envelopeJson).toMatchObject({
      v: 1,
      alg: 'x25519-xsalsa20poly1305-seal',
      caseId: record.caseId,
      section: 'sogiesc',
      keyVersion: 1,
    });
    expect(Buffer.from(record.nonce, 'base64url')).toHaveLength(24);
    expect(Buffer.from(record.signature, 'base64url')).toHaveLength(64);
    expect(Date.parse(envelopeJson.createdAt)).not.toBeNaN();
    const opened = await openSection({
      record: recordJson,
      envelope: envelopeJson,
      myKeys: author,
      authorSigningKey: signingKeyOf(author),
    });
    expect(utf8Decode(opened)).toBe(plaintext);
  });

  it('never puts the plaintext, the data key or a private key in what servers see', async () => {
    const canary = 'CANARY-7f3a-legal-name';
    const author = await newOrg();
    const { record, envelopes } = await newSealedSection({ author, plaintext: canary });
    const json = JSON.stringify({ record, envelopes });
    expect(json).not.toContain(canary);
    expect(json).not.toContain(Buffer.from(canary).toString('base64url').slice(0, 12));
    expect(json).not.toContain(Buffer.from(author.encryption.privateKey).toString('base64url'));
  });

  it('handles bytes, an empty section and every catalog section', async () => {
    const author = await newOrg();
    for (const section of SECTIONS) {
      const plaintext = section === 'needs' ? new Uint8Array(0) : Uint8Array.from([0, 255, 1, section.length]);
      const { record, envelopes } = await sealSection({
        caseId: 'case-x',
        section,
        contentVersion: 1,
        keyVersion: 1,
        plaintext,
        author,
        recipients: [],
      });
      const opened = await openSection({
        record,
        envelope: envelopes[0]!,
        myKeys: author,
        authorSigningKey: signingKeyOf(author),
      });
      expect(opened).toEqual(plaintext);
    }
  });

  it('uses a new data key and nonce for every sealSection call', async () => {
    const author = await newOrg();
    const a = await newSealedSection({ author, caseId: 'case-same', plaintext: 'same' });
    const b = await newSealedSection({ author, caseId: 'case-same', plaintext: 'same' });
    expect(a.record.nonce).not.toBe(b.record.nonce);
    expect(a.record.ciphertext).not.toBe(b.record.ciphertext);
    await expect(
      openSection({
        record: b.record,
        envelope: a.envelopes[0]!,
        myKeys: author,
        authorSigningKey: signingKeyOf(author),
      }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED));
  });

  it('seals once per recipient key, even if listed twice', async () => {
    const [author, other] = [await newOrg(), await newOrg()];
    const { envelopes } = await newSealedSection({
      author,
      recipients: [recipient(other), recipient(other), recipient(author)],
    });
    expect(envelopes.map((e) => e.recipientKeyId).sort()).toEqual(
      [author.encryption.keyId, other.encryption.keyId].sort(),
    );
  });

  it('refuses a recipient whose key id is not the hash of its key', async () => {
    const [author, a, b] = [await newOrg(), await newOrg(), await newOrg()];
    const lying = { ...recipient(a), publicKey: b.encryption.publicKey };
    await expect(newSealedSection({ author, recipients: [lying] })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
  });

  it('refuses sections outside the catalog and bad versions', async () => {
    const author = await newOrg();
    const base = { caseId: 'c', contentVersion: 1, keyVersion: 1, plaintext: 'x', author, recipients: [] };
    await expect(sealSection({ ...base, section: 'medical' as never })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(sealSection({ ...base, section: 'health', keyVersion: 0 })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(sealSection({ ...base, section: 'health', contentVersion: -1 })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(sealSection({ ...base, section: 'health', caseId: '' })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });
});

describe('updateSection', () => {
  it('writes a new content version under the same data key, readable with the existing envelopes', async () => {
    const [author, grantee] = [await newOrg(), await newOrg()];
    const first = await newSealedSection({ author, recipients: [recipient(grantee)], contentVersion: 1 });
    const record = await updateSection({
      envelope: envelopeFor(first.envelopes, author),
      myKeys: author,
      author,
      contentVersion: 2,
      plaintext: 'second version',
    });
    expect(record).toMatchObject({
      caseId: first.record.caseId,
      section: first.record.section,
      keyVersion: 1,
      contentVersion: 2,
    });
    const opened = await openSection({
      record,
      envelope: envelopeFor(first.envelopes, grantee),
      myKeys: grantee,
      authorSigningKey: signingKeyOf(author),
    });
    expect(utf8Decode(opened)).toBe('second version');
  });
});
