import {
  type ConsentRecord,
  type OrgKeys,
  type SigningKey,
  KeyMismatchError,
  generateOrgKeys,
  newConsentId,
  signConsentRecord,
  signingKeyOf,
} from '@app/crypto';
import { buildConsentRecord } from './consent-file';
import { verifyReceiptChain } from './verify-receipt-chain';

const FILE = {
  clientRef: 'cref_client9xxxxxxxxxxxxxxA',
  givenBy: 'guardian',
  collectionMethod: 'written',
  language: 'en',
  jurisdiction: 'US',
  privacyNotice: { ref: 'notice', version: '2' },
  grants: [
    {
      granteeOrgId: 'org-shelter',
      action: 'access',
      purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
      sections: ['needs'],
      expressConsent: false,
      validUntil: '2030-01-01T00:00:00.000Z',
      onwardSharing: false,
    },
  ],
};

describe('verifyReceiptChain', () => {
  let owner: OrgKeys;
  let lookup: (orgId: string, keyId: string) => Promise<SigningKey>;
  const consentId = newConsentId();

  beforeAll(async () => {
    owner = await generateOrgKeys('org-owner');
    lookup = (orgId, keyId) =>
      orgId === owner.orgId && keyId === owner.signing.keyId
        ? Promise.resolve(signingKeyOf(owner))
        : Promise.reject(new KeyMismatchError('unknown key'));
  });

  function version(n: number, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
    return {
      ...buildConsentRecord(FILE, {
        caseId: 'case_0000000001',
        consentId,
        version: n,
        clientRef: FILE.clientRef,
        orgId: 'org-owner',
        staffSub: 'staff',
        now: new Date(),
      }),
      ...overrides,
    };
  }

  it('accepts versions 1..n in any order and returns the newest', async () => {
    const receipts = [await signConsentRecord(version(2), owner), await signConsentRecord(version(1), owner)];
    const check = await verifyReceiptChain(JSON.parse(JSON.stringify(receipts)) as unknown[], lookup, {
      consentId,
      caseId: 'case_0000000001',
    });
    expect(check).toMatchObject({ valid: true, latest: { version: 2 } });
    expect(check.receipts.map((r) => r.valid)).toEqual([true, true]);
  });

  it('reports a tampered receipt by its code, without throwing', async () => {
    const good = await signConsentRecord(version(1), owner);
    const tampered = { ...good, record: { ...good.record, clientRef: 'cref_client10xxxxxxxxxxxxxA' } };
    const check = await verifyReceiptChain([tampered], lookup);
    expect(check.valid).toBe(false);
    expect(check.latest).toBeUndefined();
    expect(check.receipts[0]).toMatchObject({ version: 1, valid: false, code: 'CRYPTO.SIGNATURE_INVALID' });
  });

  it('reports a receipt signed by an unknown key', async () => {
    const impostor = await generateOrgKeys('org-owner');
    const check = await verifyReceiptChain([await signConsentRecord(version(1), impostor)], lookup);
    expect(check.receipts[0]).toMatchObject({ valid: false, code: 'CRYPTO.KEY_MISMATCH' });
  });

  it.each([
    [
      'a missing version',
      async () => [await signConsentRecord(version(1), owner), await signConsentRecord(version(3), owner)],
      'CONSENT.VERSION_GAP',
    ],
    [
      'another consent mixed in',
      async () => [
        await signConsentRecord(version(1), owner),
        await signConsentRecord(version(2, { consentId: newConsentId() }), owner),
      ],
      'CONSENT.MIXED_CONSENTS',
    ],
    [
      'another case mixed in',
      async () => [
        await signConsentRecord(version(1), owner),
        await signConsentRecord(version(2, { caseId: 'case_0000000002' }), owner),
      ],
      'CONSENT.MIXED_CASES',
    ],
  ])('refuses a chain with %s', async (_, make, code) => {
    const check = await verifyReceiptChain(await make(), lookup, { consentId });
    expect(check.valid).toBe(false);
    expect(check.receipts.at(-1)).toEqual({ valid: false, code });
  });

  it('refuses an empty chain and one for another consent than expected', async () => {
    expect((await verifyReceiptChain([], lookup)).valid).toBe(false);
    const check = await verifyReceiptChain([await signConsentRecord(version(1), owner)], lookup, {
      consentId: newConsentId(),
    });
    expect(check.receipts.at(-1)).toEqual({ valid: false, code: 'CONSENT.MIXED_CONSENTS' });
  });
});
