import {
  type SectionFixture,
  envelopeFor,
  flipBit,
  newOrg,
  newSealedSection,
  recipient,
  withCode,
} from '../../test/factories';
import { CRYPTO_ERROR_CODES, CryptoError } from '../errors';
import { type KeyEnvelope } from '../envelope/envelope';
import { type OrgKeys, signingKeyOf } from '../keys/org-keys';
import { type SectionRecord } from '../section/section-record';
import { signSection } from '../section/section-signature';
import { toBase64Url } from '../encoding/base64url';
import { lookupAuthorKey, openSection } from './open-section';

// A record re-signed by its genuine author after a change: what the associated
// data must still catch if the signature layer were ever bypassed (a buggy or
// coerced author), so each attack below is tried both ways.
function resign(record: SectionRecord, author: OrgKeys): SectionRecord {
  const ciphertext = Buffer.from(record.ciphertext, 'base64url');
  return { ...record, signature: toBase64Url(signSection(record, ciphertext, author.signing.privateKey)) };
}

describe('openSection rejects every attack', () => {
  let owner: OrgKeys;
  let grantee: OrgKeys;
  let outsider: OrgKeys;
  let fixture: SectionFixture;
  let envelope: KeyEnvelope;

  beforeAll(async () => {
    [owner, grantee, outsider] = [await newOrg('org-owner'), await newOrg('org-grantee'), await newOrg('org-outsider')];
    fixture = await newSealedSection({
      author: owner,
      recipients: [recipient(grantee)],
      caseId: 'case-1',
      section: 'health',
      contentVersion: 3,
      keyVersion: 2,
    });
    envelope = envelopeFor(fixture.envelopes, grantee);
  });

  function open(
    record: SectionRecord,
    env: KeyEnvelope = envelope,
    myKeys: OrgKeys = grantee,
    author: OrgKeys = owner,
  ): Promise<Uint8Array> {
    return openSection({ record, envelope: env, myKeys, authorSigningKey: signingKeyOf(author) });
  }

  it('opens the genuine record (control)', async () => {
    await expect(open(fixture.record)).resolves.toBeInstanceOf(Uint8Array);
  });

  describe.each([
    ['moved to another case', { caseId: 'case-2' }],
    ['moved to another section', { section: 'legal' }],
    ['replayed as another content version', { contentVersion: 4 }],
    ['replayed as another key version', { keyVersion: 3 }],
  ] as const)('ciphertext %s', (_name, change) => {
    // The envelope is relabelled along with the record, as a server moving both would.
    const relabel = (): KeyEnvelope => ({ ...envelope, ...('contentVersion' in change ? {} : change) });

    it('fails the signature', async () => {
      await expect(open({ ...fixture.record, ...change }, relabel())).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
      );
    });

    it('fails decryption even when re-signed (associated data)', async () => {
      await expect(open(resign({ ...fixture.record, ...change }, owner), relabel())).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
      );
    });
  });

  it.each([
    ['ciphertext', 0],
    ['ciphertext', 40],
    ['nonce', 5],
  ] as const)('rejects a tampered %s (byte %i): signature, then AEAD', async (field, at) => {
    const tampered = { ...fixture.record, [field]: flipBit(fixture.record[field], at) };
    await expect(open(tampered)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID));
    await expect(open(resign(tampered, owner))).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED));
  });

  it('rejects a truncated ciphertext: its length is no padding bucket', async () => {
    const short = toBase64Url(Buffer.from(fixture.record.ciphertext, 'base64url').subarray(0, 20));
    await expect(open(resign({ ...fixture.record, ciphertext: short }, owner))).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it('rejects a tampered signature', async () => {
    await expect(open({ ...fixture.record, signature: flipBit(fixture.record.signature, 10) })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
    await expect(open({ ...fixture.record, signature: flipBit(fixture.record.signature, 63) })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
  });

  it('rejects the wrong author key', async () => {
    // The caller hands the key of another organization.
    await expect(open(fixture.record, envelope, grantee, outsider)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
    // A directory entry naming the author's ids but holding another key.
    const lying = { ...signingKeyOf(owner), publicKey: outsider.signing.publicKey };
    await expect(
      openSection({ record: fixture.record, envelope, myKeys: grantee, authorSigningKey: lying }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
  });

  it('rejects content signed by someone else in the author’s name', async () => {
    const forged = await newSealedSection({
      author: outsider,
      recipients: [recipient(grantee)],
      caseId: 'case-1',
      section: 'health',
      contentVersion: 3,
      keyVersion: 2,
    });
    const claimed: SectionRecord = { ...forged.record, authorOrgId: owner.orgId, authorKeyId: owner.signing.keyId };
    await expect(open(claimed, envelopeFor(forged.envelopes, grantee))).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
    // ...and under the forger's own key id the directory has no such key for the owner.
    const directory = (orgId: string, keyId: string) =>
      orgId === owner.orgId && keyId === owner.signing.keyId ? signingKeyOf(owner) : undefined;
    await expect(lookupAuthorKey({ ...forged.record, authorOrgId: owner.orgId }, directory)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
    await expect(lookupAuthorKey(fixture.record, directory)).resolves.toEqual(signingKeyOf(owner));
  });

  it('rejects an envelope opened with the wrong key', async () => {
    await expect(open(fixture.record, envelope, outsider)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    // Relabelled to the outsider, the sealed key still only opens for the grantee.
    const relabelled = { ...envelope, recipientOrgId: outsider.orgId, recipientKeyId: outsider.encryption.keyId };
    await expect(open(fixture.record, relabelled, outsider)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
    );
    await expect(open(fixture.record, { ...envelope, sealedKey: flipBit(envelope.sealedKey, 50) })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED),
    );
  });

  it('rejects an envelope of another case, section or key version', async () => {
    for (const change of [{ caseId: 'case-9' }, { section: 'family' as const }, { keyVersion: 1 }]) {
      await expect(open(fixture.record, { ...envelope, ...change })).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
      );
    }
  });

  it('rejects unknown alg and v, on records and envelopes', async () => {
    await expect(open({ ...fixture.record, alg: 'aes-256-gcm' } as never)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    // 1: the unpadded format, no longer read; 3: not defined yet.
    for (const v of [1, 3]) {
      await expect(open({ ...fixture.record, v } as never)).rejects.toEqual(
        withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION),
      );
    }
    await expect(open(fixture.record, { ...envelope, alg: 'rsa-oaep' } as never)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_ALGORITHM),
    );
    await expect(open(fixture.record, { ...envelope, v: 0 } as never)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.UNSUPPORTED_VERSION),
    );
    await expect(open({ ...fixture.record, v: '1' } as never)).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it.each([
    ['nonce', 'padding', (s: string) => `${s}=`],
    ['nonce', 'standard alphabet', (s: string) => `+${s.slice(1)}`],
    ['nonce', 'wrong length', (s: string) => s.slice(0, 30)],
    ['signature', 'wrong length', (s: string) => s.slice(0, 84)],
    ['signature', 'non-canonical tail', (s: string) => `${s.slice(0, -1)}B`],
    ['ciphertext', 'whitespace', (s: string) => `${s.slice(0, 8)} ${s.slice(8)}`],
    ['authorKeyId', 'wrong length', (s: string) => `${s}AAAA`],
  ] as const)('rejects a malformed record %s (%s)', async (field, _how, mangle) => {
    await expect(open({ ...fixture.record, [field]: mangle(fixture.record[field]) })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it.each([
    ['sealedKey', (s: string) => s.slice(0, 100)],
    ['sealedKey', (s: string) => `${s}==`],
    ['recipientKeyId', (s: string) => s.slice(0, 10)],
    ['createdAt', () => 'yesterday'],
  ] as const)('rejects a malformed envelope %s', async (field, mangle) => {
    await expect(open(fixture.record, { ...envelope, [field]: mangle(envelope[field]) })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
  });

  it('rejects missing fields and non-objects', async () => {
    const { signature: _signature, ...unsigned } = fixture.record;
    await expect(open(unsigned as never)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(open(null as never)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    await expect(open(fixture.record, [] as never)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('puts no plaintext, key or field value in any error message', async () => {
    const attempts = [
      () => open({ ...fixture.record, ciphertext: flipBit(fixture.record.ciphertext) }),
      () =>
        open(resign({ ...fixture.record, caseId: 'case-secret-id' }, owner), { ...envelope, caseId: 'case-secret-id' }),
      () => open(fixture.record, envelope, outsider),
      () => open({ ...fixture.record, nonce: 'secret+nonce' }),
    ];
    const secrets = [
      fixture.plaintext,
      'case-secret-id',
      'secret+nonce',
      Buffer.from(grantee.encryption.privateKey).toString('base64url'),
      fixture.record.ciphertext.slice(0, 16),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CryptoError);
      for (const secret of secrets) expect((error as Error).message).not.toContain(secret);
    }
  });

  describe('a genuinely signed but older version than one already seen (rollback)', () => {
    const openSeen = (seen: { contentVersion: number; keyVersion: number }): Promise<Uint8Array> =>
      openSection({ record: fixture.record, envelope, myKeys: grantee, authorSigningKey: signingKeyOf(owner), seen });

    it.each([
      ['a newer content version', { contentVersion: 4, keyVersion: 2 }],
      ['the same content version under a newer key', { contentVersion: 3, keyVersion: 3 }],
    ])('is refused when the reader has seen %s', async (_, seen) => {
      await expect(openSeen(seen)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.STALE_VERSION));
    });

    it.each([
      ['this very version', { contentVersion: 3, keyVersion: 2 }],
      ['only older ones', { contentVersion: 2, keyVersion: 5 }],
    ])('opens when the reader has seen %s', async (_, seen) => {
      await expect(openSeen(seen)).resolves.toBeInstanceOf(Uint8Array);
    });
  });
});
