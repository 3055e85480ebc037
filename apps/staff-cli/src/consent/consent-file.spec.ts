import {
  CRYPTO_ERROR_CODES,
  generateOrgKeys,
  signConsentRecord,
  signingKeyOf,
  verifyConsentReceipt,
} from '@app/crypto';
import { CLI_ERROR_CODES } from '../errors/cli-error';
import { buildConsentRecord } from './consent-file';
import { codeOf } from '../../test/error-code';

const NOW = new Date('2025-07-01T10:00:00.000Z');
const CONTEXT = {
  caseId: 'case_abc',
  consentId: 'AAAAAAAAAAAAAAAAAAAAAA',
  version: 1,
  clientRef: 'cref_madeByTheCliForThisOxA',
  orgId: 'org-owner',
  staffSub: 'auth0|staff-1',
  now: NOW,
};

function grantsFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientRef: 'cref_client77xxxxxxxxxxxxxA',
    givenBy: 'self',
    collectionMethod: 'verbal_with_witness',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-integral', version: '3' },
    grants: [
      {
        granteeOrgId: 'org-clinic',
        action: 'access',
        purposes: [{ purpose: 'health_referral', basis: 'necessary' }],
        sections: ['health'],
        expressConsent: true,
        validUntil: '2025-10-01T00:00:00.000Z',
        onwardSharing: false,
      },
    ],
    ...overrides,
  };
}

describe('buildConsentRecord', () => {
  it('adds ids, version, collector and time to what staff wrote; a grant without validFrom starts now', () => {
    const record = buildConsentRecord(grantsFile(), CONTEXT);
    expect(record).toMatchObject({
      v: 1,
      alg: 'ed25519',
      type: 'consent-record',
      consentId: CONTEXT.consentId,
      version: 1,
      caseId: 'case_abc',
      collectedBy: { orgId: 'org-owner', staffSub: 'auth0|staff-1' },
      dateTime: NOW.toISOString(),
      withheld: [],
    });
    expect(record.grants[0]?.validFrom).toBe(NOW.toISOString());
  });

  it('keeps an explicit validFrom', () => {
    const file = grantsFile();
    const grant = { ...(file.grants as object[])[0], validFrom: '2025-08-01T00:00:00.000Z' };
    expect(buildConsentRecord({ ...file, grants: [grant] }, CONTEXT).grants[0]?.validFrom).toBe(
      '2025-08-01T00:00:00.000Z',
    );
  });

  it('refuses fields the file may not set (the CLI sets ids, version and collector)', () => {
    expect(
      codeOf(() => buildConsentRecord(grantsFile({ collectedBy: { orgId: 'org-x', staffSub: 'x' } }), CONTEXT)),
    ).toBe(CLI_ERROR_CODES.INPUT_INVALID);
    expect(codeOf(() => buildConsentRecord(grantsFile({ version: 7 }), CONTEXT))).toBe(CLI_ERROR_CODES.INPUT_INVALID);
    expect(codeOf(() => buildConsentRecord([], CONTEXT))).toBe(CLI_ERROR_CODES.INPUT_INVALID);
  });

  it('applies the SDK rules (express consent for health, validUntil after validFrom)', () => {
    const file = grantsFile();
    const grant = (file.grants as Record<string, unknown>[])[0];
    expect(codeOf(() => buildConsentRecord({ ...file, grants: [{ ...grant, expressConsent: false }] }, CONTEXT))).toBe(
      CRYPTO_ERROR_CODES.MALFORMED_INPUT,
    );
    expect(
      codeOf(() =>
        buildConsentRecord({ ...file, grants: [{ ...grant, validUntil: '2025-06-01T00:00:00.000Z' }] }, CONTEXT),
      ),
    ).toBe(CRYPTO_ERROR_CODES.MALFORMED_INPUT);
    expect(codeOf(() => buildConsentRecord(grantsFile({ clientRef: 'María López' }), CONTEXT))).toBe(
      CRYPTO_ERROR_CODES.MALFORMED_INPUT,
    );
  });

  it('builds a record the SDK signs and verifies', async () => {
    const owner = await generateOrgKeys('org-owner');
    const receipt = await signConsentRecord(buildConsentRecord(grantsFile(), CONTEXT), owner);
    await expect(verifyConsentReceipt(JSON.parse(JSON.stringify(receipt)), signingKeyOf(owner))).resolves.toEqual(
      receipt,
    );
  });

  it('names the client by the reference the CLI made, unless the file reuses one the organization has', () => {
    const { clientRef: _given, ...withoutRef } = grantsFile();
    expect(buildConsentRecord(withoutRef, CONTEXT).clientRef).toBe(CONTEXT.clientRef);
    expect(buildConsentRecord(grantsFile(), CONTEXT).clientRef).toBe(grantsFile().clientRef);
    for (const name of ['Maria.Lopez', 'client_7f3a9c', 'cref_short', `cref_${'A'.repeat(22)}x`])
      expect(codeOf(() => buildConsentRecord(grantsFile({ clientRef: name }), CONTEXT))).toBe(
        CRYPTO_ERROR_CODES.MALFORMED_INPUT,
      );
  });

  it('refuses a next version whose file names another client than the consent', () => {
    const next = { ...CONTEXT, version: 2, clientRef: 'cref_theConsentsOwnRefxyzwA' };
    expect(codeOf(() => buildConsentRecord(grantsFile(), next))).toBe(CLI_ERROR_CODES.INPUT_INVALID);
    expect(buildConsentRecord(grantsFile({ clientRef: next.clientRef }), next).clientRef).toBe(next.clientRef);
  });
});
