import {
  type KeyEnvelope,
  type SectionName,
  type SectionRecord,
  newReferralId,
  openReferralNote,
  openSection,
  rewrapForGrantee,
  sealReferralNote,
  sealSection,
  signConsentRecord,
  utf8Decode,
} from '@app/crypto';
import { ReferralAcceptedV1, ReferralRequestedV1, ReferralWithdrawnV1 } from '@app/contracts';
import { type ServiceProcess, waitFor } from '@app/testing';
import { DevIssuer } from '../apps/dev-issuer/src/dev-issuer';
import { TestStack } from './support/intake-stack';
import { OrgClient } from './support/org-client';
import { consentRecord, grant } from './support/consent-builder';
import { findMessages } from './support/find-messages';

const routing = {
  country: 'MX',
  regionCode: 'MX-CHP',
  needCategories: ['legal'],
  urgency: 'urgent',
  languages: ['es'],
};

const profile = (displayName: string) => ({
  displayName,
  services: ['legal_representation_us'],
  practiceScopes: ['affirmative_asylum', 'removal_defense'],
  languages: ['en', 'es'],
  regionsServed: ['US-CA'],
  nationwide: [],
  acceptingReferrals: true,
  referralCapacity: 3,
});

interface ReferralBody {
  referralId: string;
  caseId?: string;
  status: string;
  endReason?: string;
  teaser: { needCategory: string; regionCode: string; note?: unknown };
}

/**
 * The referral journey over HTTP and Kafka, with tokens from two issuers,
 * each trusted for its own organizations only: a Mexican legal organization
 * (issuer MX) opens a case and records the client's consent to share
 * `identity` and `legal` with U.S. partner A for legal representation (and
 * with partner C); it finds A in the directory and refers. A sees the teaser
 * only, accepts, and decrypts exactly the consented sections with the SDK.
 * Partner B, without consent, cannot be referred to and sees nothing; the
 * withdrawal of C's grant withdraws the referral to C, and A gets nothing new.
 */
describe('cross-border referrals (intake over HTTP and Kafka, two issuers)', () => {
  const run = `refer_${Date.now().toString(36)}`;
  const stack = new TestStack(run);
  const usIssuer = new DevIssuer();
  const canaries = new Map<SectionName, string>(
    (['identity', 'legal', 'health'] as const).map((section) => [section, `CANARY-${section}-${run}`]),
  );
  let intake: ServiceProcess;
  let mx: OrgClient;
  let partnerA: OrgClient;
  let partnerB: OrgClient;
  let partnerC: OrgClient;
  let caseId: string;
  let consentId: string;
  let referralToA: string;

  beforeAll(async () => {
    await usIssuer.start(0);
    const us = [`org_us_a_${run}`, `org_us_b_${run}`, `org_us_c_${run}`];
    const mxOrg = `org_mx_${run}`;
    await stack.start(['intake'], { REFERRAL_SWEEP_MS: '300' }, (mxIssuer) => [
      mxIssuer.trustedIssuer([mxOrg]),
      usIssuer.trustedIssuer(us),
    ]);
    intake = stack.service('intake');
    const url = (): string => intake.url;
    mx = await OrgClient.create(stack.issuer, mxOrg, url);
    const [a, b, c] = us as [string, string, string];
    partnerA = await OrgClient.create(usIssuer, a, url);
    partnerB = await OrgClient.create(usIssuer, b, url);
    partnerC = await OrgClient.create(usIssuer, c, url);
    for (const org of [mx, partnerA, partnerB, partnerC]) await org.registerKeys();
    for (const [org, name] of [
      [partnerA, 'Partner A'],
      [partnerB, 'Partner B'],
      [partnerC, 'Partner C'],
    ] as const)
      await org.ok('PUT', '/organizations/me/directory-entry', profile(name));
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    await usIssuer.stop();
  }, 60_000);

  async function ownersCopy(section: SectionName): Promise<{ record: SectionRecord; envelope: KeyEnvelope }> {
    return (await mx.readSection(caseId, section, 'case_coordination')).body;
  }

  async function envelopesFor(partner: OrgClient, sections: SectionName[]): Promise<KeyEnvelope[]> {
    const envelopes: KeyEnvelope[] = [];
    for (const section of sections) {
      const own = await ownersCopy(section);
      envelopes.push(
        await rewrapForGrantee({
          ...own,
          authorSigningKey: await mx.signingKeyOf(mx.orgId),
          myKeys: mx.keys,
          grantee: await mx.recipient(partner.orgId, consentId),
        }),
      );
    }
    return envelopes;
  }

  async function refer(partner: OrgClient, sections: SectionName[] = ['identity', 'legal']) {
    const referralId = newReferralId();
    const note = sealReferralNote({
      referralId,
      senderOrgId: mx.orgId,
      partnerOrgId: partner.orgId,
      note: `Hearing soon; needs a Spanish-speaking attorney. ${run}`,
      partner: await mx.recipient(partner.orgId),
    });
    const body = {
      referralId,
      partnerOrgId: partner.orgId,
      purpose: 'legal_representation',
      sections,
      needCategory: 'legal',
      note,
      envelopes: await envelopesFor(partner, sections),
    };
    return {
      referralId,
      reply: await mx.call<ReferralBody & { code?: string; detail?: string }>(
        'POST',
        `/cases/${caseId}/referrals`,
        body,
      ),
    };
  }

  async function decryptAs(org: OrgClient, section: SectionName): Promise<string> {
    const result = await org.readSection(caseId, section, 'legal_representation');
    if (result.status !== 200) throw new Error(`${section}: ${result.status}`);
    return utf8Decode(
      await openSection({
        ...result.body,
        myKeys: org.keys,
        authorSigningKey: await org.signingKeyOf(result.body.record.authorOrgId),
      }),
    );
  }

  it('the MX organization opens a case, writes sections and records a consent that discloses two to A and C', async () => {
    caseId = String((await mx.ok('POST', '/cases', { routing })).caseId);
    for (const [section, plaintext] of canaries) {
      const sealed = await sealSection({
        caseId,
        section,
        contentVersion: 1,
        keyVersion: 1,
        plaintext,
        author: mx.current,
        recipients: [],
      });
      await mx.ok('PUT', `/cases/${caseId}/sections/${section}`, sealed);
    }
    const disclose = (orgId: string) => ({ ...grant(orgId, ['identity', 'legal']), action: 'disclose' as const });
    const record = consentRecord({
      caseId,
      orgId: mx.orgId,
      staffSub: mx.sub,
      grants: [disclose(partnerA.orgId), disclose(partnerC.orgId)],
    });
    consentId = (
      await mx.ok<{ consentId: string }>('POST', `/cases/${caseId}/consents`, {
        receipt: await signConsentRecord(record, mx.current),
      })
    ).consentId;
    // A `disclose` grant takes no envelope outside a referral.
    const early = await mx.call('POST', `/cases/${caseId}/sections/legal/envelopes`, {
      envelopes: await envelopesFor(partnerA, ['legal']),
    });
    expect({ status: early.status, code: early.body.code }).toEqual({
      status: 409,
      code: 'ENVELOPE.HELD_FOR_REFERRAL',
    });
  });

  it('finds A in the directory with its keys, and refers the consented sections', async () => {
    const found = await mx.ok<{ items: { orgId: string; openCapacity: number; keys: { fingerprint: string } }[] }>(
      'GET',
      '/directory/providers?service=legal_representation_us&region=US-CA&language=es&withOpenCapacity=true',
    );
    const entry = found.items.find((item) => item.orgId === partnerA.orgId);
    expect(entry?.openCapacity).toBe(3);
    expect(entry?.keys.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);

    const { referralId, reply } = await refer(partnerA);
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('requested');
    referralToA = referralId;
    const [requested] = await findMessages(`probe_${run}_req`, ReferralRequestedV1.topic, referralId);
    const event = JSON.parse(String(requested?.value)) as { data: Record<string, unknown> };
    const { respondBy, ...data } = event.data;
    expect(data).toEqual({
      referralId,
      caseId,
      senderOrgId: mx.orgId,
      partnerOrgId: partnerA.orgId,
      purpose: 'legal_representation',
      needCategory: 'legal',
    });
    expect(typeof respondBy).toBe('string');
  }, 90_000);

  it('refuses B, whom the consent does not name, saying which grants are missing; B sees nothing', async () => {
    const { reply } = await refer(partnerB);
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('REFERRAL.CONSENT_MISSING');
    expect(reply.body.detail).toContain('identity, legal for legal_representation');
    const asAttorney = await partnerB.withRoles(usIssuer, ['partner_attorney']);
    expect((await asAttorney.ok<{ items: unknown[] }>('GET', '/referrals')).items).toEqual([]);
    expect((await asAttorney.call('GET', `/referrals/${referralToA}`)).status).toBe(404);
    expect((await asAttorney.call('POST', `/referrals/${referralToA}/accept`)).status).toBe(404);
    expect((await partnerB.readSection(caseId, 'legal', 'legal_representation')).status).toBe(404);
  });

  it('shows A the teaser only; after accepting, A decrypts exactly identity and legal', async () => {
    const attorney = await partnerA.withRoles(usIssuer, ['partner_attorney']);
    const inbox = await attorney.ok<{ items: ReferralBody[] }>('GET', '/referrals?box=received&status=requested');
    const teaser = inbox.items.find((item) => item.referralId === referralToA);
    expect(teaser?.caseId).toBeUndefined();
    expect(teaser?.teaser).toMatchObject({ needCategory: 'legal', regionCode: 'MX-CHP' });
    const note = openReferralNote(teaser?.teaser.note, partnerA.keys, {
      referralId: referralToA,
      senderOrgId: mx.orgId,
      partnerOrgId: partnerA.orgId,
    });
    expect(note).toContain('Spanish-speaking attorney');
    expect((await partnerA.readSection(caseId, 'legal', 'legal_representation')).status).toBe(404);

    const accepted = await attorney.ok<ReferralBody>('POST', `/referrals/${referralToA}/accept`);
    expect({ status: accepted.status, caseId: accepted.caseId }).toEqual({ status: 'accepted', caseId });
    expect(await decryptAs(partnerA, 'identity')).toBe(canaries.get('identity'));
    expect(await decryptAs(partnerA, 'legal')).toBe(canaries.get('legal'));
    expect((await partnerA.readSection(caseId, 'health', 'legal_representation')).status).toBe(404);
    await findMessages(`probe_${run}_acc`, ReferralAcceptedV1.topic, referralToA);
    const again = await attorney.call('POST', `/referrals/${referralToA}/accept`);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'REFERRAL.NOT_OPEN' });
  }, 90_000);

  it('withdrawing C’s grant withdraws the open referral to C; A keeps what it had and gets nothing new', async () => {
    const { referralId, reply } = await refer(partnerC);
    expect(reply.status).toBe(201);
    const withdrawal = await mx.call('DELETE', `/cases/${caseId}/consents/${consentId}/grants/${partnerC.orgId}`);
    expect(withdrawal.status).toBe(200);
    const ended = await waitFor(
      'the referral to C withdrawn',
      async () => {
        const seen = await mx.ok<ReferralBody>('GET', `/referrals/${referralId}`);
        return seen.status === 'withdrawn' ? seen : undefined;
      },
      30_000,
      200,
    );
    expect(ended.endReason).toBe('consent_withdrawn');
    const [event] = await findMessages(`probe_${run}_wd`, ReferralWithdrawnV1.topic, referralId);
    expect(JSON.parse(String(event?.value))).toMatchObject({
      data: { reason: 'consent_withdrawn', wasAccepted: false },
    });
    const attorneyC = await partnerC.withRoles(usIssuer, ['partner_attorney']);
    const accept = await attorneyC.call('POST', `/referrals/${referralId}/accept`);
    expect({ status: accept.status, code: accept.body.code }).toEqual({ status: 409, code: 'REFERRAL.NOT_OPEN' });

    const attorneyA = await partnerA.withRoles(usIssuer, ['partner_attorney']);
    const aReferrals = await attorneyA.ok<{ items: ReferralBody[] }>('GET', '/referrals?box=received');
    expect(aReferrals.items.map((item) => [item.referralId, item.status])).toEqual([[referralToA, 'accepted']]);
    expect((await partnerA.readSection(caseId, 'health', 'legal_representation')).status).toBe(404);
  }, 90_000);

  it('trusts each issuer for its own organizations only', async () => {
    const forged = await usIssuer.mint({ sub: 'intruder', org: mx.orgId, roles: ['org_admin'] });
    const response = await fetch(`${intake.url}/cases`, { headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
  });
});
