import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { type ConsentGrant, type ConsentRecord } from './consent-types';
import { parseConsentRecord } from './parse-consent-record';
import { signConsentRecord } from './sign-consent-record';
import { newConsentGrant, newConsentRecord } from './test-factories';

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

function withGrant(grant: Partial<ConsentGrant>): ConsentRecord {
  return newConsentRecord({ grants: [newConsentGrant(grant)] });
}

describe('parseConsentRecord', () => {
  it('accepts a complete record and returns only its fields', () => {
    const record = newConsentRecord();
    expect(parseConsentRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('accepts a record with no grants (every grant withdrawn by a new version)', () => {
    expect(parseConsentRecord(newConsentRecord({ grants: [], withheld: [] })).grants).toEqual([]);
  });

  it('refuses two grants for the same organization', () => {
    const record = newConsentRecord({
      grants: [newConsentGrant(), newConsentGrant({ sections: ['legal'], action: 'disclose' })],
    });
    expect(errorOf(() => parseConsentRecord(record))).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(errorOf(() => parseConsentRecord(record)).message).toBe('consent record.grants: duplicate entry');
  });

  it.each(['sogiesc', 'health', 'protection'] as const)('refuses %s without express consent', (section) => {
    const error = errorOf(() =>
      parseConsentRecord(withGrant({ sections: ['identity', section], expressConsent: false })),
    );
    expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(error.message).toMatch(/^consent record\.grants\[0\]\.expressConsent:/);
  });

  it('accepts sensitive sections with express consent, and express consent for any section', () => {
    expect(() =>
      parseConsentRecord(withGrant({ sections: ['sogiesc', 'health', 'protection'], expressConsent: true })),
    ).not.toThrow();
    expect(() => parseConsentRecord(withGrant({ sections: ['needs'], expressConsent: true }))).not.toThrow();
  });

  it.each([
    ['equal to validFrom', '2025-06-01T12:00:00.000Z'],
    ['before validFrom', '2025-05-31T12:00:00.000Z'],
  ])('refuses validUntil %s', (_, validUntil) => {
    const error = errorOf(() => parseConsentRecord(withGrant({ validFrom: '2025-06-01T12:00:00.000Z', validUntil })));
    expect(error).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(error.message).toBe('consent record.grants[0].validUntil: must be after validFrom');
  });

  it.each<[string, Partial<ConsentGrant>]>([
    ['no purpose', { purposes: [] }],
    [
      'a duplicate purpose',
      {
        purposes: [
          { purpose: 'shelter_placement', basis: 'necessary' },
          { purpose: 'shelter_placement', basis: 'voluntary' },
        ],
      },
    ],
    ['a purpose outside the vocabulary', { purposes: [{ purpose: 'marketing' as never, basis: 'necessary' }] }],
    ['a basis outside the vocabulary', { purposes: [{ purpose: 'shelter_placement', basis: 'implied' as never }] }],
    ['no section', { sections: [] }],
    ['a duplicate section', { sections: ['identity', 'identity'] }],
    ['a section outside the catalog', { sections: ['medical' as never] }],
    ['an unknown action', { action: 'sell' as never }],
    ['a non-UTC validFrom', { validFrom: '2025-06-01T12:00:00+02:00' }],
    ['a date-only validUntil', { validUntil: '2026-01-01' }],
    ['a grantee id with whitespace', { granteeOrgId: 'org shelter' }],
    ['an empty grantee id', { granteeOrgId: '' }],
    ['a string for a boolean', { onwardSharing: 'false' as never }],
  ])('refuses a grant with %s', (_, grant) => {
    expect(errorOf(() => parseConsentRecord(withGrant(grant)))).toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it.each<[string, Record<string, unknown>]>([
    ['a consentId of 15 bytes', { consentId: Buffer.alloc(15, 1).toString('base64url') }],
    ['a consentId that is not base64url', { consentId: 'AAAAAAAAAAAAAAAAAAAAA=' }],
    ['version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['a client name instead of a reference', { clientRef: 'María López' }],
    ['a name that fits the id characters', { clientRef: 'Maria.Lopez' }],
    ['a file number instead of an SDK reference', { clientRef: 'client_7f3a9c' }],
    ['a reference of 15 bytes', { clientRef: `cref_${Buffer.alloc(15, 1).toString('base64url')}` }],
    ['a 129-character case id', { caseId: 'c'.repeat(129) }],
    ['givenBy outside the vocabulary', { givenBy: 'neighbour' }],
    ['an unknown collection method', { collectionMethod: 'email' }],
    ['a three-letter language', { language: 'spa' }],
    ['an upper-case language', { language: 'ES' }],
    ['another jurisdiction', { jurisdiction: 'CA' }],
    ['a privacy notice reference with a space', { privacyNotice: { ref: 'aviso integral', version: '1' } }],
    ['a privacy notice version of 65 characters', { privacyNotice: { ref: 'aviso', version: '1'.repeat(65) } }],
    ['a privacy notice without version', { privacyNotice: { ref: 'aviso' } }],
    ['collectedBy without staffSub', { collectedBy: { orgId: 'org-owner' } }],
    ['a local dateTime', { dateTime: '2025-06-01T11:58:03' }],
    ['another type', { type: 'consent-withdrawal' }],
    ['grants that are not an array', { grants: {} }],
    ['51 grants', { grants: Array.from({ length: 51 }, (_, i) => newConsentGrant({ granteeOrgId: `org-${i}` })) }],
    [
      'a withheld reason outside the vocabulary',
      { withheld: [{ section: 'contact', fromOrgId: 'org-a', reason: 'other' }] },
    ],
    [
      'a duplicate withheld entry',
      {
        withheld: [
          { section: 'contact', fromOrgId: 'org-a', reason: 'safety_risk' },
          { section: 'contact', fromOrgId: 'org-a', reason: 'client_request' },
        ],
      },
    ],
  ])('refuses %s', (_, change) => {
    expect(errorOf(() => parseConsentRecord({ ...newConsentRecord(), ...change }))).toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it.each(['consentId', 'caseId', 'clientRef', 'dateTime', 'grants', 'withheld', 'privacyNotice'])(
    'refuses a record without %s',
    (field) => {
      const record: Record<string, unknown> = { ...newConsentRecord() };
      delete record[field];
      expect(errorOf(() => parseConsentRecord(record)).message).toMatch(new RegExp(`^consent record\\.${field}\\b`));
    },
  );

  it('names the field in errors, never the value', () => {
    const canary = 'CANARY-Maria-Lopez';
    const cases: Record<string, unknown>[] = [
      { clientRef: `${canary} x` },
      { language: canary },
      { privacyNotice: { ref: `${canary} `, version: '1' } },
      { grants: [{ ...newConsentGrant(), granteeOrgId: `${canary} ` }] },
      { grants: [{ ...newConsentGrant(), sections: [canary] }] },
      { givenBy: canary },
    ];
    for (const change of cases) {
      const error = errorOf(() => parseConsentRecord({ ...newConsentRecord(), ...change }));
      expect(error.message).toMatch(/^consent record\.\w+/);
      expect(error.message).not.toContain('CANARY');
    }
  });

  it('is what signConsentRecord checks before signing', async () => {
    const owner = await newOrg('org-owner');
    await expect(signConsentRecord(withGrant({ sections: ['health'], expressConsent: false }), owner)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(signConsentRecord({ ...newConsentRecord(), extra: 1 } as ConsentRecord, owner)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });
});
