import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied from
// paper is hard to get wrong. 16 characters carry 80 random bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

/** A new receipt code for the client, printed as XXXX-XXXX-XXXX-XXXX. Shown once, stored only as a hash. */
export function newReceiptCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const characters = [...bytes].map((byte) => ALPHABET.charAt(byte & 31));
  return characters.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** Lenient on input (case, dashes, spaces, the letters Crockford maps to digits); undefined if it cannot be a code. */
export function normalizeReceiptCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((character) => !ALPHABET.includes(character)))
    return undefined;
  return cleaned;
}

export function receiptCodeHash(normalizedCode: string): string {
  return createHash('sha256').update(normalizedCode).digest('base64url');
}
