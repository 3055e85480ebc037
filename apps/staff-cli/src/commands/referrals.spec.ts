import { errorCode } from '../../test/shared-case';
import {
  DISCLOSE_GRANT,
  IDENTITY_TEXT,
  LEGAL,
  NOTE,
  PARTNER_ORG,
  type ReferralCase,
  grantAs,
  openReferralCase,
  refer,
} from '../../test/referral-case';

jest.setTimeout(30_000);

describe('referrals: refer, open the teaser note, accept, read, complete', () => {
  let setup: ReferralCase;
  const readAsPartner = (section: string): Promise<{ exitCode: number; stdout: string; stderr: string }> =>
    setup.partner.run(
      'section',
      'get',
      '--case',
      setup.caseId,
      '--section',
      section,
      '--purpose',
      'legal_representation',
      '--stdout',
    );

  beforeEach(async () => {
    setup = await openReferralCase();
    await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
  });

  it('seals each section key and the note to the partner, and sends no plaintext', async () => {
    const { intake, caseId } = setup;
    const referral = await refer(setup);
    expect(referral).toMatchObject({
      caseId,
      senderOrgId: 'org-legal-aid',
      partnerOrgId: PARTNER_ORG,
      purpose: 'legal_representation',
      sections: ['identity', 'legal'],
      status: 'requested',
      teaser: { needCategory: 'legal', regionCode: 'MX-BCN', languages: ['es'], urgency: 'urgent' },
      sealedTo: { orgId: PARTNER_ORG, keyVersion: 1 },
      envelopes: [
        { section: 'identity', keyVersion: 1 },
        { section: 'legal', keyVersion: 1 },
      ],
    });
    expect(referral.referralId).toMatch(/^ref_[A-Za-z0-9_-]{22}$/);
    const posted = intake.requests.find((r) => r.method === 'POST' && r.segments.at(-1) === 'referrals');
    const body = posted?.body as { envelopes: { recipientOrgId: string; consentId?: string }[]; note: object };
    expect(body.envelopes.map((e) => e.recipientOrgId)).toEqual([PARTNER_ORG, PARTNER_ORG]);
    expect(body.envelopes.every((e) => typeof e.consentId === 'string')).toBe(true);
    expect(Object.keys(body.note).sort()).toEqual(['alg', 'recipientKeyId', 'recipientOrgId', 'sealed', 'v']);
    expect(JSON.stringify(intake.requests)).not.toContain('CANARY');
  });

  it('the partner sees a teaser without the case, opens the note, and reads nothing before accepting', async () => {
    const { referralId } = await refer(setup);
    const { items } = await setup.partner.ok<{ items: Record<string, unknown>[] }>(
      'referral',
      'list',
      '--box',
      'received',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ referralId, status: 'requested' });
    expect(items[0]?.caseId).toBeUndefined();
    expect(await setup.partner.ok('referral', 'note', '--referral', referralId)).toEqual({
      referralId,
      senderOrgId: 'org-legal-aid',
      partnerOrgId: PARTNER_ORG,
      note: NOTE,
    });
    expect(errorCode((await readAsPartner('legal')).stderr)).toBe('SECTION.NOT_FOUND');
    // The sender sees its own sent box, with the case.
    expect(await setup.owner.ok('referral', 'list', '--box', 'sent', '--status', 'requested')).toMatchObject({
      items: [{ referralId, caseId: setup.caseId }],
    });
  });

  it('on acceptance the partner reads the sections with section get, then completes the referral', async () => {
    const { referralId } = await refer(setup);
    const accepted = await setup.partner.ok('referral', 'accept', '--referral', referralId);
    expect(accepted).toMatchObject({ referralId, status: 'accepted', caseId: setup.caseId });
    expect(typeof accepted.acceptedAt).toBe('string');
    expect(await readAsPartner('legal')).toEqual({ exitCode: 0, stdout: LEGAL, stderr: '' });
    expect((await readAsPartner('identity')).stdout).toBe(IDENTITY_TEXT);
    expect(await setup.partner.ok('directory', 'show', PARTNER_ORG)).toMatchObject({ openReferrals: 1 });
    const completed = await setup.partner.ok(
      'referral',
      'complete',
      '--referral',
      referralId,
      '--outcome',
      'representation_provided',
    );
    expect(completed).toMatchObject({ status: 'completed', endReason: 'representation_provided' });
    expect(await setup.partner.ok('directory', 'show', PARTNER_ORG)).toMatchObject({ openReferrals: 0 });
  });

  it("refuses an acceptance beyond the partner's capacity; the partner declines with a reason", async () => {
    setup = await openReferralCase(1);
    await grantAs(setup.owner, setup.caseId, [DISCLOSE_GRANT]);
    const first = await refer(setup);
    const second = await refer(setup);
    await setup.partner.ok('referral', 'accept', '--referral', first.referralId);
    const full = await setup.partner.run('referral', 'accept', '--referral', second.referralId);
    expect(full.exitCode).toBe(1);
    expect(JSON.parse(full.stderr)).toMatchObject({ error: 'REFERRAL.NO_CAPACITY', status: 409 });
    const declined = await setup.partner.ok(
      'referral',
      'decline',
      '--referral',
      second.referralId,
      '--reason',
      'no_capacity',
    );
    expect(declined).toMatchObject({ status: 'declined', endReason: 'no_capacity' });
    const bad = await setup.partner.run('referral', 'decline', '--referral', second.referralId, '--reason', 'busy');
    expect(errorCode(bad.stderr)).toBe('CLI.USAGE');
  });

  it('the sender withdraws; the partner can no longer accept', async () => {
    const { referralId } = await refer(setup);
    expect(await setup.owner.ok('referral', 'withdraw', '--referral', referralId)).toMatchObject({
      status: 'withdrawn',
    });
    expect(await setup.owner.ok('referral', 'show', '--referral', referralId)).toMatchObject({ status: 'withdrawn' });
    const late = await setup.partner.run('referral', 'accept', '--referral', referralId);
    expect(errorCode(late.stderr)).toBe('REFERRAL.NOT_OPEN');
  });

  it('refuses a referral id that is not one before calling intake', async () => {
    const before = setup.intake.requests.length;
    const result = await setup.partner.run('referral', 'show', '--referral', '../cases');
    expect(errorCode(result.stderr)).toBe('CLI.USAGE');
    expect(setup.intake.requests.length).toBe(before);
  });
});
