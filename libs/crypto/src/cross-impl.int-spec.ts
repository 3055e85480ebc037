// Cross-implementation test: what the SDK writes opens and verifies with an
// independent libsodium binding (PyNaCl), and what PyNaCl writes from the
// format description opens and verifies in the SDK. The design requires it:
// an organization must never depend on this SDK to read its own data.
//
// Needs python3 with PyNaCl (see ../test/cross-impl-python.ts).
import { python, requirePyNaCl } from '../test/cross-impl-python';
import { newOrg, recipient } from '../test/factories';
import {
  KEYFILE_MIN_LIMITS,
  type KeyEnvelope,
  type SectionRecord,
  keyIdOf,
  openKeyfile,
  openSection,
  parseEnvelope,
  parseSectionRecord,
  rotateOrgKeys,
  sealKeyfile,
  sealSection,
  signingKeyOf,
  toBase64Url,
  toPublicKeyRecord,
  utf8Decode,
  utf8Encode,
  fromBase64Url,
} from './index';

// Accents, a non-binary gender identity and an emoji: UTF-8 beyond ASCII on both sides.
const PLAINTEXT = '{"chosenName":"Dani Pérez","genderIdentity":"no binarie","note":"refugio 🏳️‍🌈"}';

describe('cross-implementation (SDK <-> PyNaCl)', () => {
  beforeAll(requirePyNaCl);

  // Short, a few KiB, and past the powers of two: Python unpads on its own and checks the bucket.
  it.each([
    ['a short form', PLAINTEXT, 1024],
    ['a few KiB', `${PLAINTEXT}${'x'.repeat(5000)}`, 8 * 1024],
    ['past 64 KiB', `${PLAINTEXT}${'y'.repeat(70_000)}`, 128 * 1024],
  ])('PyNaCl verifies, decrypts and unpads a section sealed by the SDK: %s', async (_, plaintext, bucket) => {
    const [owner, reader] = [await newOrg('org-mx'), await newOrg('org-us')];
    const { record, envelopes } = await sealSection({
      caseId: 'case-cross-1',
      section: 'sogiesc',
      contentVersion: 4,
      keyVersion: 2,
      plaintext,
      author: owner,
      recipients: [recipient(reader, 'consent-9')],
    });
    const envelope = envelopes.find((e) => e.recipientOrgId === 'org-us');
    const result = python<{
      plaintext: string;
      authorKeyIdMatches: boolean;
      recipientKeyIdMatches: boolean;
      tamperedRejected: boolean;
      movedRejected: boolean;
      paddedLength: number;
      paddedLengthIsBucket: boolean;
      bucketForContent: number;
      sodiumUnpadAgrees: boolean;
      badPaddingRejected: boolean;
    }>('open', {
      record,
      envelope,
      authorSigningPublicKey: toBase64Url(owner.signing.publicKey),
      recipientPrivateKey: toBase64Url(reader.encryption.privateKey),
    });
    expect(utf8Decode(fromBase64Url(result.plaintext, 'plaintext'))).toBe(plaintext);
    expect(result).toMatchObject({
      authorKeyIdMatches: true,
      recipientKeyIdMatches: true,
      tamperedRejected: true,
      movedRejected: true,
      // Python's own bucket rule agrees with the SDK's choice, and libsodium's unpad with Python's.
      paddedLength: bucket,
      paddedLengthIsBucket: true,
      bucketForContent: bucket,
      sodiumUnpadAgrees: true,
      badPaddingRejected: true,
    });
  });

  it('the SDK verifies and decrypts a section, signature and envelope made by PyNaCl', async () => {
    const reader = await newOrg('org-sdk');
    const made = python<{ record: unknown; envelope: unknown; authorSigningPublicKey: string }>('make', {
      caseId: 'case-cross-2',
      section: 'legal',
      contentVersion: 1,
      keyVersion: 3,
      authorOrgId: 'org-python',
      recipientOrgId: reader.orgId,
      recipientPublicKey: toBase64Url(reader.encryption.publicKey),
      plaintext: toBase64Url(utf8Encode(PLAINTEXT)),
    });
    const record: SectionRecord = parseSectionRecord(made.record);
    const envelope: KeyEnvelope = parseEnvelope(made.envelope);
    // Padded by Python to the 1 KiB bucket, plus the 16-byte tag.
    expect(fromBase64Url(record.ciphertext, 'ciphertext')).toHaveLength(1024 + 16);
    const authorPublicKey = fromBase64Url(made.authorSigningPublicKey, 'authorSigningPublicKey', { length: 32 });
    expect(keyIdOf(authorPublicKey)).toBe(record.authorKeyId);
    expect(envelope.recipientKeyId).toBe(reader.encryption.keyId);

    const authorSigningKey = { orgId: 'org-python', keyId: record.authorKeyId, publicKey: authorPublicKey };
    const opened = await openSection({ record, envelope, myKeys: reader, authorSigningKey });
    expect(utf8Decode(opened)).toBe(PLAINTEXT);

    // And the SDK still refuses it when anything is off.
    const bytes = Buffer.from(record.ciphertext, 'base64url');
    bytes[3] = (bytes[3] ?? 0) ^ 1;
    await expect(
      openSection({
        record: { ...record, ciphertext: bytes.toString('base64url') },
        envelope,
        myKeys: reader,
        authorSigningKey,
      }),
    ).rejects.toMatchObject({
      code: 'CRYPTO.SIGNATURE_INVALID',
    });
  });

  it('PyNaCl derives the keyfile key with Argon2id and finds the same keys', async () => {
    const v1 = await newOrg('org-file', 1);
    const v2 = await newOrg('org-file', 2);
    const keyfile = await sealKeyfile([v1, v2], 'una frase de paso larga', KEYFILE_MIN_LIMITS);
    const result = python<{ keys: { keyVersion: number; encryptionKeyId: string; signingKeyId: string }[] }>(
      'open-keyfile',
      {
        keyfile,
        passphrase: 'una frase de paso larga',
      },
    );
    expect(result.keys).toEqual(
      [v1, v2].map((k) => ({
        keyVersion: k.keyVersion,
        encryptionKeyId: k.encryption.keyId,
        signingKeyId: k.signing.keyId,
      })),
    );
    expect((await openKeyfile(keyfile, 'una frase de paso larga')).keys).toHaveLength(2);
  });

  it('PyNaCl verifies a key rotation signed over canonical JSON, and rejects a forged one', async () => {
    const current = await newOrg('org-rotating');
    const { statement } = await rotateOrgKeys(current);
    const currentRecord = toPublicKeyRecord(current);
    expect(python<{ valid: boolean }>('verify-rotation', { statement, current: currentRecord }).valid).toBe(true);
    const { statement: forged } = await rotateOrgKeys(await newOrg('org-rotating'));
    const claimed = { ...forged, signedByKeyId: current.signing.keyId };
    expect(python<{ valid: boolean }>('verify-rotation', { statement: claimed, current: currentRecord }).valid).toBe(
      false,
    );
    expect(signingKeyOf(current).keyId).toBe(statement.signedByKeyId);
  });
});
