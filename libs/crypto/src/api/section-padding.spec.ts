import { type SectionFixture, envelopeFor, newOrg, newSealedSection, withCode } from '../../test/factories';
import { toBase64Url } from '../encoding/base64url';
import { openDataKey } from '../envelope/envelope';
import { CRYPTO_ERROR_CODES } from '../errors';
import { type OrgKeys, signingKeyOf } from '../keys/org-keys';
import { randomBytes } from '../random';
import { sectionAssociatedData } from '../section/section-context';
import { type SectionRecord } from '../section/section-record';
import { signSection } from '../section/section-signature';
import { sodium } from '../sodium';
import { openSection } from './open-section';
import { sealSection } from './seal-section';

const KIB = 1024;
const TAG = 16;

function ciphertextBytes(record: SectionRecord): number {
  return Buffer.from(record.ciphertext, 'base64url').length;
}

/**
 * The record encrypted again, with the genuine data key and author, over
 * bytes of the test's choosing: what only a holder of the data key (a
 * grantee, a buggy or coerced author) could make, and the AEAD and the
 * signature both accept.
 */
function reencrypted(fixture: SectionFixture, paddedPlaintext: Uint8Array): SectionRecord {
  const dataKey = openDataKey(envelopeFor(fixture.envelopes, fixture.author), fixture.author);
  const nonce = randomBytes(24);
  const ciphertext = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
    paddedPlaintext,
    sectionAssociatedData(fixture.record),
    null,
    nonce,
    dataKey,
  );
  const fields = { ...fixture.record, nonce: toBase64Url(nonce) };
  const signature = signSection(fields, ciphertext, fixture.author.signing.privateKey);
  return { ...fields, ciphertext: toBase64Url(ciphertext), signature: toBase64Url(signature) };
}

/** ISO/IEC 7816-4 by hand: the content, 0x80, then zeros up to `length`. */
function isoPadded(content: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(content);
  out[content.length] = 0x80;
  return out;
}

describe('section content padding', () => {
  let author: OrgKeys;

  beforeAll(async () => {
    author = await newOrg('org-padding');
  });

  async function sealedLength(plaintextBytes: number): Promise<number> {
    const { record, envelopes } = await sealSection({
      caseId: 'case-padding',
      section: 'health',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: new Uint8Array(plaintextBytes).fill(0x61),
      author,
      recipients: [],
    });
    const opened = await openSection({
      record,
      envelope: envelopes[0]!,
      myKeys: author,
      authorSigningKey: signingKeyOf(author),
    });
    // Buffer.equals: jest's deep equality walks a 256 KiB array for seconds.
    expect(Buffer.from(opened).equals(Buffer.alloc(plaintextBytes, 0x61))).toBe(true);
    return ciphertextBytes(record);
  }

  it.each([
    ['1 KiB', [0, 1, 200, 1023], 1 * KIB],
    ['2 KiB', [1024, 1500, 2047], 2 * KIB],
    ['8 KiB', [4096, 8191], 8 * KIB],
    ['64 KiB', [40_000, 64 * KIB - 1], 64 * KIB],
    ['128 KiB', [64 * KIB, 100_000, 128 * KIB - 1], 128 * KIB],
    ['192 KiB', [128 * KIB, 192 * KIB - 1], 192 * KIB],
    ['256 KiB', [192 * KIB, 256 * KIB - 1], 256 * KIB],
  ])(
    'seals plaintexts of different lengths in the %s bucket to ciphertexts of one length',
    async (_, lengths, bucket) => {
      for (const length of lengths) expect(await sealedLength(length)).toBe(bucket + TAG);
    },
  );

  it('refuses to seal content larger than the largest bucket (16 MiB, one byte of it padding)', async () => {
    const base = { caseId: 'case-padding', section: 'health', contentVersion: 1, keyVersion: 1, author } as const;
    await expect(sealSection({ ...base, plaintext: new Uint8Array(16 * KIB * KIB), recipients: [] })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  describe('refuses padding that is not the format, though the AEAD and signature accept it', () => {
    let fixture: SectionFixture;
    const open = (record: SectionRecord): Promise<Uint8Array> =>
      openSection({
        record,
        envelope: envelopeFor(fixture.envelopes, fixture.author),
        myKeys: fixture.author,
        authorSigningKey: signingKeyOf(fixture.author),
      });

    beforeAll(async () => {
      fixture = await newSealedSection({ author, plaintext: 'CANARY-padding' });
    });

    it('opens a hand-padded record (control)', async () => {
      const content = Buffer.from('CANARY-by-hand');
      expect(Buffer.from(await open(reencrypted(fixture, isoPadded(content, KIB))))).toEqual(content);
    });

    it.each([
      ['no 0x80 marker at all', (): Uint8Array => new Uint8Array(KIB)],
      [
        'a byte after the marker that is not zero',
        (): Uint8Array => {
          const padded = isoPadded(Buffer.from('CANARY'), KIB);
          padded[KIB - 1] = 0x01;
          return padded;
        },
      ],
      ['the content unpadded, filling the bucket', (): Uint8Array => new Uint8Array(KIB).fill(0x61)],
    ])('%s', async (_, padded) => {
      await expect(open(reencrypted(fixture, padded()))).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    });

    it('a padded length that is not a bucket, refused before anything is decrypted', async () => {
      const record = reencrypted(fixture, isoPadded(Buffer.from('CANARY'), 1000));
      expect(ciphertextBytes(record)).toBe(1000 + TAG);
      await expect(open(record)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    });

    it('the error says which check failed and nothing of the content', async () => {
      const padded = isoPadded(Buffer.from('CANARY-secret-content'), KIB);
      padded[KIB - 1] = 0x01;
      const error = await open(reencrypted(fixture, padded)).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/padding/);
      expect((error as Error).message).not.toContain('CANARY');
    });
  });

  it('refuses a record of the unpadded format (v 1) as an unsupported version', async () => {
    const { record, envelopes } = await newSealedSection({ author });
    await expect(
      openSection({
        record: { ...record, v: 1 } as never,
        envelope: envelopes[0]!,
        myKeys: author,
        authorSigningKey: signingKeyOf(author),
      }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION));
  });
});
