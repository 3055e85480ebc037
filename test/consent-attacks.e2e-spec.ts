import {
  type KeyEnvelope,
  type SectionRecord,
  fromBase64Url,
  generateOrgKeys,
  newClientRef,
  rewrapForGrantee,
  rotateOrgKeys,
  sealSection,
  signConsentRecord,
  toBase64Url,
  toPublicKeyRecord,
} from '@app/crypto';
import { type ServiceProcess } from '@app/testing';
import { TestStack } from './support/intake-stack';
import { OrgClient } from './support/org-client';
import { consentRecord, grant } from './support/consent-builder';

const routing = {
  country: 'MX',
  regionCode: 'MX-BCN',
  needCategories: ['legal'],
  urgency: 'routine',
  languages: ['es', 'en'],
};

/** Each attack on sections, envelopes, keys and receipts is refused with problem+json and changes nothing. */
describe('attacks and bad input on encrypted sections, keys and consent', () => {
  const run = `attacks_${Date.now().toString(36)}`;
  const stack = new TestStack(run);
  let intake: ServiceProcess;
  let a: OrgClient;
  let b: OrgClient;
  let firstCase: string;
  let secondCase: string;
  let legalV1: SectionRecord;

  beforeAll(async () => {
    // A small receipt-lookup budget, and the test runner as the trusted proxy, so one test can be several clients.
    intake = (
      await stack.start(['intake'], {
        RECEIPT_LOOKUP_BURST: '3',
        RECEIPT_LOOKUPS_PER_MINUTE: '2',
        HTTP_TRUSTED_PROXIES: '127.0.0.1',
      })
    ).service('intake');
    [a, b] = await Promise.all([
      OrgClient.create(stack.issuer, `org_a_${run}`, () => intake.url),
      OrgClient.create(stack.issuer, `org_b_${run}`, () => intake.url),
    ]);
    await Promise.all([a.registerKeys(), b.registerKeys()]);
    firstCase = String((await a.ok('POST', '/cases', { routing })).caseId);
    secondCase = String((await a.ok('POST', '/cases', { routing })).caseId);
    const sealed = await sealSection({
      caseId: firstCase,
      section: 'legal',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'narrative v1',
      author: a.current,
      recipients: [],
    });
    legalV1 = sealed.record;
    await a.ok('PUT', `/cases/${firstCase}/sections/legal`, sealed);
  }, 120_000);

  afterAll(() => stack.stop(), 60_000);

  async function expectRefused(
    path: string,
    body: unknown,
    status: number,
    code: string,
    method = 'PUT',
    client = a,
  ): Promise<void> {
    const result = await client.call<{ code: string; status: number }>(method, path, body);
    expect({
      status: result.status,
      code: result.body.code,
      problem: result.contentType.includes('application/problem+json'),
    }).toEqual({ status, code, problem: true });
  }

  async function storedLegal(): Promise<{ contentVersion: number; keyVersion: number }> {
    const listed = await a.ok<{ section: string; contentVersion: number; keyVersion: number }[]>(
      'GET',
      `/cases/${firstCase}/sections?purpose=case_coordination`,
    );
    const legal = listed.find((entry) => entry.section === 'legal');
    return { contentVersion: legal?.contentVersion ?? 0, keyVersion: legal?.keyVersion ?? 0 };
  }

  it('refuses a ciphertext moved to another case or section', async () => {
    const sealed = { record: legalV1, envelopes: [] };
    await expectRefused(`/cases/${secondCase}/sections/legal`, sealed, 422, 'SECTION.CONTEXT_MISMATCH');
    await expectRefused(`/cases/${firstCase}/sections/identity`, sealed, 422, 'SECTION.CONTEXT_MISMATCH');
    // Rewriting the names inside the record breaks the author's signature.
    await expectRefused(
      `/cases/${secondCase}/sections/legal`,
      { record: { ...legalV1, caseId: secondCase }, envelopes: [] },
      422,
      'CRYPTO.SIGNATURE_INVALID',
    );
  });

  it('refuses a replayed old version', async () => {
    await expectRefused(
      `/cases/${firstCase}/sections/legal`,
      { record: legalV1 },
      409,
      'SECTION.CONTENT_VERSION_CONFLICT',
    );
    await expectRefused(
      `/cases/${firstCase}/sections/legal`,
      { record: { ...legalV1, contentVersion: 2 } },
      422,
      'CRYPTO.SIGNATURE_INVALID',
    );
  });

  it('refuses a tampered ciphertext or signature', async () => {
    const fresh = await sealSection({
      caseId: secondCase,
      section: 'health',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'hiv care plan',
      author: a.current,
      recipients: [],
    });
    const flipped = fromBase64Url(fresh.record.ciphertext, 'ciphertext');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expectRefused(
      `/cases/${secondCase}/sections/health`,
      { ...fresh, record: { ...fresh.record, ciphertext: toBase64Url(flipped) } },
      422,
      'CRYPTO.SIGNATURE_INVALID',
    );
    const signature = fromBase64Url(fresh.record.signature, 'signature');
    signature[10] = (signature[10] ?? 0) ^ 0x80;
    await expectRefused(
      `/cases/${secondCase}/sections/health`,
      { ...fresh, record: { ...fresh.record, signature: toBase64Url(signature) } },
      422,
      'CRYPTO.SIGNATURE_INVALID',
    );
    await a.ok('PUT', `/cases/${secondCase}/sections/health`, fresh);
  });

  it('refuses a section signed by an unregistered key, and an envelope sealed to one', async () => {
    const impostor = await generateOrgKeys(a.orgId);
    const forged = await sealSection({
      caseId: secondCase,
      section: 'identity',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'forged',
      author: impostor,
      recipients: [],
    });
    await expectRefused(`/cases/${secondCase}/sections/identity`, forged, 422, 'SECTION.AUTHOR_KEY_UNKNOWN');
    const genuine = await sealSection({
      caseId: secondCase,
      section: 'identity',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'genuine',
      author: a.current,
      recipients: [],
    });
    const toImpostor = (
      await sealSection({
        caseId: secondCase,
        section: 'identity',
        contentVersion: 1,
        keyVersion: 1,
        plaintext: 'x',
        author: impostor,
        recipients: [],
      })
    ).envelopes;
    await expectRefused(
      `/cases/${secondCase}/sections/identity`,
      { record: genuine.record, envelopes: toImpostor },
      422,
      'ENVELOPE.RECIPIENT_KEY_MISMATCH',
    );
    await expectRefused(
      `/cases/${secondCase}/sections/identity`,
      { record: genuine.record, envelopes: [] },
      422,
      'ENVELOPE.OWNER_MISSING',
    );
  });

  /** a records a consent granting b the legal section, and rewraps legal's data key for b (not yet sent). */
  async function grantLegalToB(caseId: string): Promise<{ consentId: string; forB: KeyEnvelope }> {
    const record = consentRecord({ caseId, orgId: a.orgId, staffSub: a.sub, grants: [grant(b.orgId, ['legal'])] });
    const { consentId } = await a.ok<{ consentId: string }>('POST', `/cases/${caseId}/consents`, {
      receipt: await signConsentRecord(record, a.current),
    });
    const own = (await a.readSection(caseId, 'legal', 'case_coordination')).body;
    const forB = await rewrapForGrantee({
      record: own.record,
      envelope: own.envelope,
      authorSigningKey: await a.signingKeyOf(a.orgId),
      myKeys: a.keys,
      grantee: await a.recipient(b.orgId, consentId),
    });
    return { consentId, forB };
  }

  it('refuses an envelope for a revoked key version', async () => {
    const { consentId, forB } = await grantLegalToB(firstCase);
    await a.ok('DELETE', `/cases/${firstCase}/consents/${consentId}/grants/${b.orgId}`);
    await expectRefused(
      `/cases/${firstCase}/sections/legal/envelopes`,
      { envelopes: [forB] },
      409,
      'SECTION.KEY_VERSION_RETIRED',
      'POST',
    );
    expect((await b.readSection(firstCase, 'legal', 'legal_representation')).status).toBe(404);
  });

  it("binds every read to a purpose the reader's roles allow, whatever its grant says", async () => {
    const caseId = String((await a.ok('POST', '/cases', { routing })).caseId);
    const sealed = await sealSection({
      caseId,
      section: 'legal',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'for the attorney only',
      author: a.current,
      recipients: [],
    });
    await a.ok('PUT', `/cases/${caseId}/sections/legal`, sealed);
    const { forB } = await grantLegalToB(caseId);
    await a.ok('POST', `/cases/${caseId}/sections/legal/envelopes`, { envelopes: [forB] });
    const attorney = await b.withRoles(stack.issuer, ['partner_attorney']);
    expect((await attorney.readSection(caseId, 'legal', 'legal_representation')).status).toBe(200);

    // A shelter's staff member of the same grantee claims the grant's purpose: refused before the case is looked at,
    // with the same answer for a case that does not exist.
    const shelter = await b.withRoles(stack.issuer, ['shelter_staff']);
    for (const target of [caseId, 'case_NoSuchCase0000000000']) {
      await expectRefused(
        `/cases/${target}/sections/legal?purpose=legal_representation`,
        undefined,
        403,
        'READ.PURPOSE_NOT_ALLOWED',
        'GET',
        shelter,
      );
      await expectRefused(
        `/cases/${target}/sections?purpose=health_referral`,
        undefined,
        403,
        'READ.PURPOSE_NOT_ALLOWED',
        'GET',
        shelter,
      );
    }
    // The purpose its role allows finds nothing: the grant does not cover shelter placement.
    expect((await shelter.readSection(caseId, 'legal', 'shelter_placement')).status).toBe(404);
    // The owner's own staff are bound the same way.
    const ownShelterStaff = await a.withRoles(stack.issuer, ['shelter_staff']);
    expect((await ownShelterStaff.readSection(caseId, 'legal', 'case_coordination')).status).toBe(403);
  });

  it('answers a section read of a case out of scope exactly as one of a case that does not exist', async () => {
    const codeOf = async (caseId: string) => {
      const reply = await b.call<{ code: string }>('GET', `/cases/${caseId}/sections/health?purpose=health_referral`);
      return { status: reply.status, code: reply.body.code };
    };
    const outOfScope = await codeOf(firstCase);
    expect(outOfScope).toEqual({ status: 404, code: 'SECTION.NOT_FOUND' });
    expect(await codeOf('case_NoSuchCase0000000000')).toEqual(outOfScope);
  });

  it('answers malformed base64url, wrong lengths, unknown alg or version and oversized sections with problem+json, changing nothing', async () => {
    const before = await storedLegal();
    const path = `/cases/${firstCase}/sections/legal`;
    const next = { ...legalV1, contentVersion: 2 };
    await expectRefused(path, { record: { ...next, nonce: 'not base64url!' } }, 400, 'CRYPTO.MALFORMED_INPUT');
    await expectRefused(
      path,
      { record: { ...next, nonce: toBase64Url(new Uint8Array(12)) } },
      400,
      'CRYPTO.MALFORMED_INPUT',
    );
    await expectRefused(
      path,
      { record: { ...next, signature: toBase64Url(new Uint8Array(63)) } },
      400,
      'CRYPTO.MALFORMED_INPUT',
    );
    await expectRefused(path, { record: { ...next, alg: 'aes-256-gcm' } }, 400, 'CRYPTO.UNSUPPORTED_ALGORITHM');
    // 1: the unpadded section format, no longer accepted; 3: not defined.
    await expectRefused(path, { record: { ...next, v: 1 } }, 400, 'CRYPTO.UNSUPPORTED_VERSION');
    await expectRefused(path, { record: { ...next, v: 3 } }, 400, 'CRYPTO.UNSUPPORTED_VERSION');
    await expectRefused(path, { record: 'a string' }, 400, 'REQUEST.VALIDATION_FAILED');
    await expectRefused(path, { record: next, smuggled: 'x' }, 400, 'REQUEST.VALIDATION_FAILED');
    await expectRefused(`/cases/${firstCase}/sections/diary`, { record: next }, 400, 'REQUEST.VALIDATION_FAILED');
    await expectRefused(
      `/cases/${secondCase}/sections/health/envelopes`,
      { envelopes: [{ v: 1, alg: 'x25519-xsalsa20poly1305-seal', sealedKey: '%%%' }] },
      400,
      'CRYPTO.MALFORMED_INPUT',
      'POST',
    );

    const big = await sealSection({
      caseId: secondCase,
      section: 'family',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: new Uint8Array(300 * 1024),
      author: a.current,
      recipients: [],
    });
    await expectRefused(`/cases/${secondCase}/sections/family`, big, 413, 'SECTION.TOO_LARGE');
    const huge = await sealSection({
      caseId: secondCase,
      section: 'family',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: new Uint8Array(2 * 1024 * 1024),
      author: a.current,
      recipients: [],
    });
    await expectRefused(`/cases/${secondCase}/sections/family`, huge, 413, 'REQUEST.TOO_LARGE');
    const malformedJson = await a.call<{ code: string }>('PUT', path, '{"record": ');
    expect([malformedJson.status, malformedJson.body.code]).toEqual([400, 'REQUEST.INVALID']);

    expect(await storedLegal()).toEqual(before);
    expect(
      (await a.ok<{ section: string }[]>('GET', `/cases/${secondCase}/sections?purpose=case_coordination`)).map(
        (entry) => entry.section,
      ),
    ).not.toContain('family');
  });

  it('answers malformed key records, rotation statements and consent receipts with problem+json, changing nothing', async () => {
    const c = await OrgClient.create(stack.issuer, `org_c_${run}`, () => intake.url);
    const keys = toPublicKeyRecord(c.current);
    const register = (body: unknown, status: number, code: string): Promise<void> =>
      expectRefused('/organizations/me/keys', body, status, code, 'POST', c);
    await register({ ...keys, encryptionPublicKey: 'not base64url!' }, 400, 'CRYPTO.MALFORMED_INPUT');
    await register({ ...keys, signingPublicKey: toBase64Url(new Uint8Array(31)) }, 400, 'CRYPTO.MALFORMED_INPUT');
    await register({ ...keys, alg: 'rsa-oaep' }, 400, 'CRYPTO.UNSUPPORTED_ALGORITHM');
    await register({ ...keys, v: 2 }, 400, 'CRYPTO.UNSUPPORTED_VERSION');
    await register({ ...keys, smuggled: 'x' }, 400, 'CRYPTO.MALFORMED_INPUT');
    await register(['not', 'an object'], 400, 'CRYPTO.MALFORMED_INPUT');
    expect((await a.call('GET', `/organizations/${c.orgId}/keys`)).status).toBe(404);

    const rotation = await rotateOrgKeys(a.current);
    const rotate = (body: unknown, code: string): Promise<void> =>
      expectRefused('/organizations/me/keys/rotations', body, 400, code, 'POST');
    await rotate({ ...rotation.statement, signature: '%%%' }, 'CRYPTO.MALFORMED_INPUT');
    await rotate({ ...rotation.statement, signature: toBase64Url(new Uint8Array(65)) }, 'CRYPTO.MALFORMED_INPUT');
    await rotate({ ...rotation.statement, alg: 'rsa-pss' }, 'CRYPTO.UNSUPPORTED_ALGORITHM');
    await rotate(
      { ...rotation.statement, record: { ...rotation.statement.record, v: 9 } },
      'CRYPTO.UNSUPPORTED_VERSION',
    );
    expect((await b.ok<{ keyVersion: number }>('GET', `/organizations/${a.orgId}/keys`)).keyVersion).toBe(
      a.current.keyVersion,
    );

    const receipt = await signConsentRecord(
      consentRecord({ caseId: secondCase, orgId: a.orgId, staffSub: a.sub, grants: [grant(b.orgId, ['legal'])] }),
      a.current,
    );
    const path = `/cases/${secondCase}/consents`;
    const consents = (): Promise<unknown> => a.ok('GET', path);
    const before = await consents();
    const refuse = (body: unknown, code: string): Promise<void> => expectRefused(path, body, 400, code, 'POST');
    await refuse({ receipt: { ...receipt, signature: '%%%' } }, 'CRYPTO.MALFORMED_INPUT');
    await refuse({ receipt: { ...receipt, signature: toBase64Url(new Uint8Array(63)) } }, 'CRYPTO.MALFORMED_INPUT');
    await refuse({ receipt: { ...receipt, alg: 'hmac-sha256' } }, 'CRYPTO.UNSUPPORTED_ALGORITHM');
    await refuse({ receipt: { ...receipt, v: 2 } }, 'CRYPTO.UNSUPPORTED_VERSION');
    await refuse({ receipt: { ...receipt, record: { ...receipt.record, smuggled: 'x' } } }, 'CRYPTO.MALFORMED_INPUT');
    await refuse({ receipt, smuggled: 'x' }, 'REQUEST.VALIDATION_FAILED');
    // The client reference is plaintext on the server and outlives erasure in the oplog: only the SDK's opaque kind.
    for (const clientRef of ['Maria.Lopez', 'client_7f3a9c'])
      await refuse({ receipt: { ...receipt, record: { ...receipt.record, clientRef } } }, 'CRYPTO.MALFORMED_INPUT');
    expect(await consents()).toEqual(before);
    // The same receipt, well-formed, is accepted: what was refused was the damage, not the consent.
    await a.ok('POST', path, { receipt });
    // Every version of a consent names the same client.
    const otherClient = await signConsentRecord(
      {
        ...consentRecord({
          caseId: secondCase,
          orgId: a.orgId,
          staffSub: a.sub,
          grants: [grant(b.orgId, ['legal'])],
          consentId: receipt.record.consentId,
          version: 2,
        }),
        clientRef: newClientRef(),
      },
      a.current,
    );
    await expectRefused(path, { receipt: otherClient }, 422, 'CONSENT.CLIENT_MISMATCH', 'POST');
  });

  it('registers keys once, rotates them only with a signature by the current key, and serves fingerprints', async () => {
    const view = await b.ok<{ keyVersion: number; fingerprints: { encryption: string; signing: string } }>(
      'GET',
      `/organizations/${a.orgId}/keys`,
    );
    expect(view.keyVersion).toBe(1);
    expect(view.fingerprints.signing).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(
      (await a.call<{ code: string }>('POST', '/organizations/me/keys', toPublicKeyRecord(a.current))).body.code,
    ).toBe('KEYS.ALREADY_REGISTERED');

    const stolenSession = await rotateOrgKeys(await generateOrgKeys(a.orgId));
    await expectRefused(
      '/organizations/me/keys/rotations',
      stolenSession.statement,
      422,
      'CRYPTO.KEY_MISMATCH',
      'POST',
    );
    const forB = await rotateOrgKeys(b.current);
    await expectRefused('/organizations/me/keys/rotations', forB.statement, 422, 'CRYPTO.KEY_MISMATCH', 'POST');

    const rotation = await rotateOrgKeys(a.current);
    await a.ok('POST', '/organizations/me/keys/rotations', rotation.statement);
    a.keys.push(rotation.keys);
    expect((await b.ok<{ keyVersion: number }>('GET', `/organizations/${a.orgId}/keys`)).keyVersion).toBe(2);
    expect((await b.ok<{ keyVersion: number }>('GET', `/organizations/${a.orgId}/keys/1`)).keyVersion).toBe(1);
    // Signed with the retired signing key: refused now.
    const stale = await sealSection({
      caseId: secondCase,
      section: 'contact',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: 'x',
      author: a.keys[0]!,
      recipients: [],
    });
    await expectRefused(`/cases/${secondCase}/sections/contact`, stale, 422, 'SECTION.AUTHOR_KEY_UNKNOWN');
  });

  it('limits receipt lookups per client address with 429 and Retry-After, leaving other clients served', async () => {
    const lookup = (client: string): Promise<Response> =>
      fetch(`${intake.url}/receipts/lookup`, {
        method: 'POST',
        headers: { 'x-forwarded-for': client, 'content-type': 'application/json' },
        body: JSON.stringify({ receiptCode: 'AAAA-BBBB-CCCC-DDDD' }),
      });
    for (let i = 0; i < 3; i += 1) expect((await lookup('203.0.113.7')).status).toBe(404);
    const limited = await lookup('203.0.113.7');
    const problem = (await limited.json()) as { code: string; status: number };
    expect({ status: limited.status, type: limited.headers.get('content-type'), code: problem.code }).toEqual({
      status: 429,
      type: expect.stringContaining('application/problem+json') as string,
      code: 'REQUEST.RATE_LIMITED',
    });
    // Two lookups a minute: the next one is due in at most 30 s.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect((await lookup('203.0.113.8')).status).toBe(404);
  });
});
