import { withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { initCrypto } from '../sodium';
import { isSectionBucket, padSectionContent, sectionBucketFor, unpadSectionContent } from './section-padding';

const KIB = 1024;
const MIB = 1024 * KIB;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('section padding buckets', () => {
  beforeAll(initCrypto);

  it.each([
    [0, 1 * KIB],
    [1023, 1 * KIB],
    [1024, 2 * KIB],
    [32 * KIB, 64 * KIB],
    [64 * KIB - 1, 64 * KIB],
    [64 * KIB, 128 * KIB],
    [128 * KIB, 192 * KIB],
    [1 * MIB, 1 * MIB + 64 * KIB],
    [16 * MIB - 1, 16 * MIB],
  ])('puts %i bytes in the %i-byte bucket', (length, bucket) => {
    expect(sectionBucketFor(length)).toBe(bucket);
    expect(isSectionBucket(bucket)).toBe(true);
  });

  it('has no bucket for 16 MiB or more', () => {
    expect(thrown(() => sectionBucketFor(16 * MIB))).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it.each([0, 512, 1000, 1536, 3 * KIB, 96 * KIB, 130 * KIB, 16 * MIB + 64 * KIB, 1.5 * KIB])(
    'does not take %i for a bucket',
    (size) => {
      expect(isSectionBucket(size)).toBe(false);
    },
  );

  it("pads with libsodium's ISO/IEC 7816-4 padding and removes it again", () => {
    const content = Uint8Array.from([1, 2, 3, 0, 0x80]);
    const padded = padSectionContent(content);
    expect(padded).toHaveLength(1 * KIB);
    expect(Array.from(padded.subarray(0, 6))).toEqual([1, 2, 3, 0, 0x80, 0x80]);
    expect(padded.subarray(6).every((byte) => byte === 0)).toBe(true);
    expect(unpadSectionContent(padded)).toEqual(content);
    expect(thrown(() => unpadSectionContent(padded.subarray(0, 1000)))).toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });
});
