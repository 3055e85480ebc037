import { MalformedInputError } from '../errors';
import { sodium } from '../sodium';

// Section content is padded before it is encrypted: an AEAD ciphertext is
// its plaintext plus a 16-byte tag, so without padding anyone who sees a
// record (a server, its backups, a network observer) learns each version's
// exact length, and with it often what changed (a name added, a diagnosis
// filled in). Padded, a record shows only its bucket.
//
// Buckets: powers of two from 1 KiB to 64 KiB, then every 64 KiB up to
// 16 MiB. 1 KiB is the floor because nearly every form-sized section (a
// name, contacts, a few answers) fits in it, so those all look alike; the
// cost is under 1 KiB per version. Doubling hides a length within a factor
// of two where sections are usually found. Past 64 KiB doubling would add up
// to 8 MiB to a section, so steps of 64 KiB cap the overhead while keeping
// intake's 256 KiB limit on a bucket boundary. Nothing needs a secret: the
// rule is public and the same for every writer.

const KIB = 1024;
export const SMALLEST_SECTION_BUCKET = 1 * KIB;
const LAST_POWER_OF_TWO_BUCKET = 64 * KIB;
const BUCKET_STEP = 64 * KIB;
export const LARGEST_SECTION_BUCKET = 16 * KIB * KIB;

/**
 * The padded size for `length` bytes of content: the smallest bucket with
 * room for the content and at least one byte of padding (ISO/IEC 7816-4
 * always adds one). Throws MALFORMED_INPUT above the largest bucket.
 */
export function sectionBucketFor(length: number): number {
  let size = SMALLEST_SECTION_BUCKET;
  while (size <= length && size < LAST_POWER_OF_TWO_BUCKET) size *= 2;
  if (size <= length) size = (Math.floor(length / BUCKET_STEP) + 1) * BUCKET_STEP;
  if (size > LARGEST_SECTION_BUCKET)
    throw new MalformedInputError(`plaintext: at most ${LARGEST_SECTION_BUCKET - 1} bytes per section`);
  return size;
}

/** Whether `size` is one of the buckets (what a padded section's length must be). */
export function isSectionBucket(size: number): boolean {
  if (!Number.isSafeInteger(size) || size < SMALLEST_SECTION_BUCKET) return false;
  if (size <= LAST_POWER_OF_TWO_BUCKET) return (size & (size - 1)) === 0;
  return size <= LARGEST_SECTION_BUCKET && size % BUCKET_STEP === 0;
}

/**
 * libsodium's sodium_pad to the content's bucket: the content, 0x80, zeros.
 * With the bucket as block size and the content shorter than it, one block
 * is exactly one bucket. The caller wipes the result.
 */
export function padSectionContent(plaintext: Uint8Array): Uint8Array {
  const bucket = sectionBucketFor(plaintext.length);
  const padded = sodium().pad(plaintext, bucket);
  if (padded.length !== bucket) throw new MalformedInputError('plaintext: padding failed');
  return padded;
}

/**
 * libsodium's sodium_unpad over the whole bucket. The padded bytes were
 * authenticated, so bad padding here was written by a holder of the data
 * key (a buggy client, or one that wants its length seen): refused.
 */
export function unpadSectionContent(padded: Uint8Array): Uint8Array {
  if (!isSectionBucket(padded.length)) throw new MalformedInputError('section record: content padding is invalid');
  try {
    return sodium().unpad(padded, padded.length);
  } catch {
    throw new MalformedInputError('section record: content padding is invalid');
  }
}
