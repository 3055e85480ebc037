import { newReceiptCode, normalizeReceiptCode, receiptCodeHash } from './receipt-code';

describe('receipt codes', () => {
  it('are 16 Crockford base32 characters in groups of four, different every time', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newReceiptCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('forgive case, spaces, dashes and the letters people confuse with digits', () => {
    const code = '7K2M-9QXD-4T1B-ZR80';
    const typed = '7k2m 9qxd 4tlb zr8o';
    expect(normalizeReceiptCode(typed)).toBe(normalizeReceiptCode(code));
    expect(receiptCodeHash(normalizeReceiptCode(typed) ?? '')).toBe(receiptCodeHash(normalizeReceiptCode(code) ?? ''));
  });

  it('reject what cannot be a code', () => {
    expect(normalizeReceiptCode('7K2M-9QXD-4T1B')).toBeUndefined();
    expect(normalizeReceiptCode('7K2M-9QXD-4T1B-ZR8U')).toBeUndefined();
  });
});
