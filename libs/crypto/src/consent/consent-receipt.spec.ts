import { flipBit, newOrg, withCode } from '../../test/factories';
import { type Json, clone, leaves, parentOf, tamperedValue } from '../../test/json-tampering';
import { canonicalJson } from '../canonical-json';
import { type CryptoErrorCode, CRYPTO_ERROR_CODES } from '../errors';
import { type OrgKeys, type SigningKey, signingKeyOf } from '../keys/org-keys';
import { sodium } from '../sodium';
import { newConsentId } from './consent-id';
import { parseConsentReceipt } from './consent-receipt';
import { type ConsentReceipt } from './consent-types';
import { signConsentRecord } from './sign-consent-record';
import { newConsentRecord } from './test-factories';
import { verifyConsentReceipt } from './verify-consent-receipt';

// Changes the signature cannot be blamed for: format fields are refused by
// name, the collecting organization is tied to the signer's key, and a
// sensitive grant cannot lose its express consent.
const EXPECTED_CODE: Record<string, CryptoErrorCode> = {
  v: CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION,
  alg: CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM,
  type: CRYPTO_ERROR_CODES.MALFORMED_INPUT,
  'collectedBy.orgId': CRYPTO_ERROR_CODES.KEY_MISMATCH,
  'grants.0.expressConsent': CRYPTO_ERROR_CODES.MALFORMED_INPUT,
};

describe('consent receipts', () => {
  let owner: OrgKeys;
  let ownerKey: SigningKey;
  let receipt: ConsentReceipt;

  beforeAll(async () => {
    owner = await newOrg('org-owner');
    ownerKey = signingKeyOf(owner);
    receipt = await signConsentRecord(newConsentRecord(), owner);
  });

  it('round-trips through JSON and verifies against the collecting organization key', async () => {
    expect(receipt).toMatchObject({ v: 1, alg: 'ed25519', signerKeyId: owner.signing.keyId });
    expect(Buffer.from(receipt.signature, 'base64url')).toHaveLength(64);
    const verified = await verifyConsentReceipt(clone(receipt), ownerKey);
    expect(verified).toEqual(receipt);
    expect(parseConsentReceipt(clone(receipt))).toEqual(receipt);
  });

  it('signs exactly the canonical JSON of the record', () => {
    const payload = new TextEncoder().encode(canonicalJson(receipt.record));
    expect(
      sodium().crypto_sign_verify_detached(
        Buffer.from(receipt.signature, 'base64url'),
        payload,
        owner.signing.publicKey,
      ),
    ).toBe(true);
  });

  it('makes 22-character ids of 16 random bytes', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newConsentId()));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });

  describe('rejects a change to any field of the record', () => {
    const paths = leaves(clone(newConsentRecord())).map((p) => p.join('.'));

    it('covers every leaf of the record (a new field needs a case)', () => {
      expect(paths.length).toBeGreaterThan(30);
    });

    it.each(paths)('%s', async (joined) => {
      const tampered = clone(receipt);
      const record = tampered.record as { [key: string]: Json };
      const path = joined.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step));
      const parent = parentOf(record, path) as Record<string | number, Json>;
      parent[path[path.length - 1] as string | number] = tamperedValue(record, path);
      const code = EXPECTED_CODE[joined] ?? CRYPTO_ERROR_CODES.SIGNATURE_INVALID;
      await expect(verifyConsentReceipt(tampered, ownerKey)).rejects.toEqual(withCode(code));
    });
  });

  it.each([
    ['a grant removed', (r: ConsentReceipt) => ({ ...r.record, grants: r.record.grants.slice(1) })],
    ['grants reordered', (r: ConsentReceipt) => ({ ...r.record, grants: [...r.record.grants].reverse() })],
    ['a withheld entry removed', (r: ConsentReceipt) => ({ ...r.record, withheld: [] })],
    [
      'a section added',
      (r: ConsentReceipt) => ({
        ...r.record,
        grants: [{ ...r.record.grants[1]!, sections: ['identity', 'needs', 'legal'] }, r.record.grants[0]!],
      }),
    ],
  ])('rejects %s', async (_, change) => {
    await expect(verifyConsentReceipt({ ...receipt, record: change(receipt) }, ownerKey)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
  });

  it('rejects a flipped signature bit', async () => {
    await expect(
      verifyConsentReceipt({ ...receipt, signature: flipBit(receipt.signature, 17) }, ownerKey),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
  });

  describe('wrong keys', () => {
    it('rejects another organization key', async () => {
      const other = signingKeyOf(await newOrg('org-other'));
      await expect(verifyConsentReceipt(receipt, other)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    });

    it('rejects a key of the collecting organization other than the signer', async () => {
      const nextVersion = signingKeyOf(await newOrg('org-owner', 2));
      await expect(verifyConsentReceipt(receipt, nextVersion)).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
      );
    });

    it('rejects the right key id under another organization', async () => {
      await expect(verifyConsentReceipt(receipt, { ...ownerKey, orgId: 'org-other' })).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
      );
    });

    it('rejects a directory entry whose key is not the one its id names', async () => {
      const impostor = await newOrg('org-owner');
      await expect(
        verifyConsentReceipt(receipt, { ...ownerKey, publicKey: impostor.signing.publicKey }),
      ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    });

    it('rejects a receipt signed by an impostor claiming the genuine key id', async () => {
      const impostor = await newOrg('org-owner');
      const forged = await signConsentRecord(receipt.record, impostor);
      await expect(verifyConsentReceipt(forged, ownerKey)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
      await expect(verifyConsentReceipt({ ...forged, signerKeyId: ownerKey.keyId }, ownerKey)).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
      );
    });

    it('refuses to sign for an organization that did not collect the consent', async () => {
      const other = await newOrg('org-other');
      await expect(signConsentRecord(receipt.record, other)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    });
  });

  describe('format', () => {
    it.each([
      ['receipt v 2', (r: ConsentReceipt) => ({ ...r, v: 2 }), CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION],
      ['receipt v "1"', (r: ConsentReceipt) => ({ ...r, v: '1' }), CRYPTO_ERROR_CODES.MALFORMED_INPUT],
      ['receipt alg', (r: ConsentReceipt) => ({ ...r, alg: 'rsa-pss' }), CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM],
      ['receipt without alg', (r: ConsentReceipt) => ({ ...r, alg: undefined }), CRYPTO_ERROR_CODES.MALFORMED_INPUT],
      [
        'record v 2',
        (r: ConsentReceipt) => ({ ...r, record: { ...r.record, v: 2 } }),
        CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION,
      ],
      [
        'record alg',
        (r: ConsentReceipt) => ({ ...r, record: { ...r.record, alg: 'ecdsa-p256' } }),
        CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM,
      ],
      ['not an object', () => [1, 2], CRYPTO_ERROR_CODES.MALFORMED_INPUT],
      ['record missing', (r: ConsentReceipt) => ({ ...r, record: undefined }), CRYPTO_ERROR_CODES.MALFORMED_INPUT],
    ])('refuses %s', async (_, change, code) => {
      await expect(verifyConsentReceipt(change(receipt), ownerKey)).rejects.toEqual(withCode(code));
      expect(() => parseConsentReceipt(change(receipt))).toThrow(expect.objectContaining({ code }) as Error);
    });

    it('checks v before anything else, so a future format is refused by version', () => {
      expect(() => parseConsentReceipt({ v: 2, somethingNew: true })).toThrow(
        expect.objectContaining({ code: CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION }) as Error,
      );
    });

    it.each([
      ['receipt', (r: ConsentReceipt) => ({ ...r, comment: 'x' }), 'consent receipt.comment'],
      [
        'record',
        (r: ConsentReceipt) => ({ ...r, record: { ...r.record, clientName: 'x' } }),
        'consent record.clientName',
      ],
      [
        'grant',
        (r: ConsentReceipt) => ({ ...r, record: { ...r.record, grants: [{ ...r.record.grants[0]!, note: 'x' }] } }),
        'consent record.grants[0].note',
      ],
      [
        'purpose',
        (r: ConsentReceipt) => ({
          ...r,
          record: {
            ...r.record,
            grants: [
              { ...r.record.grants[0]!, purposes: [{ purpose: 'health_referral', basis: 'necessary', extra: 1 }] },
            ],
          },
        }),
        'consent record.grants[0].purposes[0].extra',
      ],
      [
        'collectedBy',
        (r: ConsentReceipt) => ({ ...r, record: { ...r.record, collectedBy: { ...r.record.collectedBy, name: 'x' } } }),
        'consent record.collectedBy.name',
      ],
      [
        'privacyNotice',
        (r: ConsentReceipt) => ({
          ...r,
          record: { ...r.record, privacyNotice: { ...r.record.privacyNotice, url: 'x' } },
        }),
        'consent record.privacyNotice.url',
      ],
      [
        'withheld',
        (r: ConsentReceipt) => ({
          ...r,
          record: { ...r.record, withheld: [{ ...r.record.withheld[0]!, detail: 'x' }] },
        }),
        'consent record.withheld[0].detail',
      ],
    ])('refuses an unknown field in the %s, naming it', (_, change, field) => {
      expect(() => parseConsentReceipt(change(receipt))).toThrow(`${field}: unknown field`);
      expect(() => parseConsentReceipt(change(receipt))).toThrow(
        expect.objectContaining({ code: CRYPTO_ERROR_CODES.MALFORMED_INPUT }) as Error,
      );
    });

    it('does not echo an unknown field name that could carry content', () => {
      const error = ((): unknown => {
        try {
          return parseConsentReceipt({ ...receipt, 'María López': 1 });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
      expect((error as Error).message).toBe('consent receipt: unknown field');
    });

    it('refuses a __proto__ key from JSON.parse as an unknown field', () => {
      const json = JSON.stringify(receipt).replace('{"v":1', '{"__proto__":{"polluted":true},"v":1');
      expect(() => parseConsentReceipt(JSON.parse(json))).toThrow('consent receipt: unknown field');
    });

    it.each([
      ['padding', (s: string) => `${s}==`],
      ['standard base64 alphabet', (s: string) => `+${s.slice(1)}`],
      ['non-canonical trailing bits', (s: string) => `${s.slice(0, -1)}${s.endsWith('B') ? 'C' : 'B'}`],
      ['not a string', () => 42],
    ])('refuses a signature with %s', async (_, change) => {
      await expect(
        verifyConsentReceipt({ ...receipt, signature: change(receipt.signature) }, ownerKey),
      ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    });

    it.each([63, 65, 0])('refuses a signature of %i bytes', async (length) => {
      const signature = Buffer.alloc(length, 7).toString('base64url');
      await expect(verifyConsentReceipt({ ...receipt, signature }, ownerKey)).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
      );
    });

    it('refuses a malformed signer key id', async () => {
      await expect(
        verifyConsentReceipt({ ...receipt, signerKeyId: `${receipt.signerKeyId}A` }, ownerKey),
      ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    });
  });
});
