import { newOrg, withCode } from '../../test/factories';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { CRYPTO_ERROR_CODES } from '../errors';
import { recipientKeyOf, rotateOrgKeys } from '../index';
import { newReferralId, requireReferralId } from './referral-id';
import {
  MAX_REFERRAL_NOTE_CHARS,
  MAX_SEALED_REFERRAL_NOTE_BYTES,
  openReferralNote,
  parseSealedReferralNote,
  sealReferralNote,
  type SealedReferralNote,
} from './referral-note';

const NOTE = 'Necesita intérprete de mam.\nCANARY: el tratamiento de VIH no puede interrumpirse 🏳️‍⚧️';
const malformed = withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT);
const mismatch = withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH);
const failed = withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED);

async function setUp(): Promise<{
  partner: Awaited<ReturnType<typeof newOrg>>;
  context: { referralId: string; senderOrgId: string; partnerOrgId: string };
  sealed: SealedReferralNote;
}> {
  const partner = await newOrg('org-us-partner');
  const context = { referralId: newReferralId(), senderOrgId: 'org-mx-legal', partnerOrgId: 'org-us-partner' };
  const sealed = sealReferralNote({ ...context, note: NOTE, partner: recipientKeyOf(partner) });
  return { partner, context, sealed };
}

describe('referral ids', () => {
  it('are ref_ and 16 random bytes, and nothing else passes', () => {
    const id = newReferralId();
    expect(id).toMatch(/^ref_[A-Za-z0-9_-]{22}$/);
    expect(newReferralId()).not.toBe(id);
    expect(requireReferralId(id, 'id')).toBe(id);
    for (const bad of ['ref_', `x${id}`, id.slice(4), `${id}A`, 'ref_Valeria-Ruiz', 7])
      expect(() => requireReferralId(bad, 'id')).toThrow(malformed);
  });
});

describe('referral notes', () => {
  it('the partner opens the note of the referral it was sealed for; intake only sees a sealed box', async () => {
    const { partner, context, sealed } = await setUp();
    expect(Object.keys(sealed).sort()).toEqual(['alg', 'recipientKeyId', 'recipientOrgId', 'sealed', 'v']);
    expect(sealed).toMatchObject({ v: 1, recipientOrgId: 'org-us-partner', recipientKeyId: partner.encryption.keyId });
    expect(JSON.stringify(sealed)).not.toContain('CANARY');
    expect(parseSealedReferralNote(JSON.parse(JSON.stringify(sealed)))).toEqual(sealed);
    expect(openReferralNote(sealed, [partner], context)).toBe(NOTE);
  });

  it('refuses a note moved to another referral, or claimed for another sender', async () => {
    const { partner, context, sealed } = await setUp();
    expect(() => openReferralNote(sealed, partner, { ...context, referralId: newReferralId() })).toThrow(mismatch);
    expect(() => openReferralNote(sealed, partner, { ...context, senderOrgId: 'org-other' })).toThrow(mismatch);
  });

  it('refuses a note sealed to another organization, or with a key version it does not hold', async () => {
    const { partner, context, sealed } = await setUp();
    const other = await newOrg('org-other');
    expect(() => openReferralNote(sealed, other, { ...context, partnerOrgId: 'org-other' })).toThrow(mismatch);
    const { keys: next } = await rotateOrgKeys(partner);
    expect(() => openReferralNote(sealed, [next], context)).toThrow(mismatch);
    expect(openReferralNote(sealed, [partner, next], context)).toBe(NOTE);
  });

  it('fails to decrypt a note with any byte changed', async () => {
    const { partner, context, sealed } = await setUp();
    const bytes = fromBase64Url(sealed.sealed, 'sealed');
    for (const at of [0, 31, 32, 47, 48, bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(() => openReferralNote({ ...sealed, sealed: toBase64Url(tampered) }, partner, context)).toThrow(failed);
    }
  });

  it('limits the text: 1 to 1000 characters, no control characters but a line feed', async () => {
    const partner = recipientKeyOf(await newOrg('org-p'));
    const base = { referralId: newReferralId(), senderOrgId: 'org-s', partnerOrgId: 'org-p', partner };
    // 1000 characters outside the BMP still fit: characters, not UTF-16 units, are counted.
    const longest = '🏳'.repeat(MAX_REFERRAL_NOTE_CHARS);
    const sealed = sealReferralNote({ ...base, note: longest });
    expect(fromBase64Url(sealed.sealed, 'sealed').length).toBeLessThanOrEqual(MAX_SEALED_REFERRAL_NOTE_BYTES);
    for (const note of ['', 'x'.repeat(MAX_REFERRAL_NOTE_CHARS + 1), 'a\rb', 'a\tb', 'a\u0000', 'a\u001bb', 'a\u0085'])
      expect(() => sealReferralNote({ ...base, note })).toThrow(malformed);
  });

  it('seals only to the partner named, with a key whose id is its hash', async () => {
    const partner = recipientKeyOf(await newOrg('org-p'));
    const base = { referralId: newReferralId(), senderOrgId: 'org-s', partnerOrgId: 'org-p', note: 'hola' };
    expect(() => sealReferralNote({ ...base, partner: { ...partner, orgId: 'org-x' } })).toThrow(mismatch);
    const otherKey = recipientKeyOf(await newOrg('org-p'));
    expect(() => sealReferralNote({ ...base, partner: { ...partner, keyId: otherKey.keyId } })).toThrow(mismatch);
    expect(() => sealReferralNote({ ...base, referralId: 'REF-1', partner })).toThrow(malformed);
  });

  it('parses strictly: known fields, format, key id shape, sealed length bounds', async () => {
    const { sealed } = await setUp();
    const bad: unknown[] = [
      null,
      [],
      { ...sealed, extra: 1 },
      { ...sealed, v: 2 },
      { ...sealed, alg: 'aes' },
      { ...sealed, recipientKeyId: 'short' },
      { ...sealed, recipientOrgId: '' },
      { ...sealed, sealed: `${sealed.sealed}=` },
      { ...sealed, sealed: toBase64Url(new Uint8Array(60)) },
      { ...sealed, sealed: toBase64Url(new Uint8Array(MAX_SEALED_REFERRAL_NOTE_BYTES + 1)) },
      (({ sealed: _, ...rest }) => rest)(sealed),
    ];
    for (const value of bad) expect(() => parseSealedReferralNote(value)).toThrow(Error);
    expect(() => parseSealedReferralNote({ ...sealed, v: 2 })).toThrow(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION),
    );
  });
});
