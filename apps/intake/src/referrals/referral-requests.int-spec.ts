import { caseModel } from '../cases/persistence/case.model';
import { checkEnvelopes } from '../sections/application/check-envelopes';
import { partnerScope, senderScope } from './domain/referral-scope';
import { codeOf, referralWorld } from './testing/referral-world';

describe('referral requests and answers (real MongoDB)', () => {
  const world = referralWorld('requests');
  const { sender, partner, outsider, replicas, keys, grant, caseWithConsent, envelopeFor, request, outboxTopics } =
    world;
  const SHARED = ['identity', 'legal'] as const;
  const DAY = 86_400_000;

  beforeAll(() => world.setUp());
  afterAll(() => world.tearDown());

  it('refuses what consent, directory or envelopes do not allow, names the grant missing, stores nothing', async () => {
    const caseId = await caseWithConsent();
    const missing = replicas.one.create.execute(
      sender,
      caseId,
      request(caseId, { sections: ['identity', 'health'] }),
      'corr-referral',
    );
    await expect(missing).rejects.toMatchObject({ code: 'REFERRAL.CONSENT_MISSING' });
    await expect(missing).rejects.toThrow(/covers health for legal_representation/);
    const purpose = request(caseId, { purpose: 'shelter_placement' });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, purpose, 'corr-referral'))).toBe(
      'REFERRAL.CONSENT_MISSING',
    );
    const unlisted = request(caseId, { partnerOrgId: outsider });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, unlisted, 'corr-referral'))).toBe(
      'REFERRAL.PARTNER_NOT_LISTED',
    );
    const twice = request(caseId, { envelopes: [envelopeFor(caseId, 'identity'), envelopeFor(caseId, 'identity')] });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, twice, 'corr-referral'))).toBe(
      'REFERRAL.ENVELOPES_MISMATCH',
    );
    const wrongRecipient = request(caseId, {
      envelopes: [envelopeFor(caseId, 'identity'), envelopeFor(caseId, 'legal', world.outsiderKeys)],
    });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, wrongRecipient, 'corr-referral'))).toBe(
      'REFERRAL.ENVELOPES_MISMATCH',
    );
    const need = request(caseId, { needCategory: 'shelter' });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, need, 'corr-referral'))).toBe(
      'REFERRAL.NEED_NOT_ROUTED',
    );
    const late = request(caseId, { respondBy: new Date(Date.now() + 31 * DAY) });
    expect(await codeOf(replicas.one.create.execute(sender, caseId, late, 'corr-referral'))).toBe(
      'REFERRAL.INVALID_DEADLINE',
    );
    const otherOrgsCase = await codeOf(replicas.one.create.execute(outsider, caseId, request(caseId), 'corr-referral'));
    expect(otherOrgsCase).toBe('CASE.NOT_FOUND');
    expect((await replicas.one.referrals.list(senderScope(sender), undefined, 50)).items).toHaveLength(0);
  });

  it('holds the keys until acceptance, then releases them and lets the grant take envelopes', async () => {
    const caseId = await caseWithConsent();
    const target = (disclosedTo: string[]) => ({
      caseId,
      section: 'identity' as const,
      keyVersion: 1,
      ownerOrgId: sender,
      grants: [grant()],
      disclosedTo,
      now: new Date(),
    });
    // Staged disclosure: outside a referral, a `disclose` grantee takes no envelope.
    expect(await codeOf(checkEnvelopes([envelopeFor(caseId, 'identity')], target([]), keys))).toBe(
      'ENVELOPE.HELD_FOR_REFERRAL',
    );
    const body = request(caseId);
    const created = await replicas.one.create.execute(sender, caseId, body, 'corr-create');
    expect(created.status).toBe('requested');
    const before = await caseModel(world.connection).findById(caseId).lean().exec();
    expect(before?.sections.identity?.envelopes).toEqual([]);

    const accepted = await replicas.two.answer.accept(partner, body.referralId, 'corr-accept');
    expect(accepted.status).toBe('accepted');
    const after = await caseModel(world.connection).findById(caseId).lean().exec();
    for (const section of SHARED)
      expect(after?.sections[section]?.envelopes.map((envelope) => envelope.recipientOrgId)).toEqual([partner]);
    expect(after?.referralDisclosures).toEqual([partner]);
    const stored = await replicas.one.referrals.find(partnerScope(partner), body.referralId);
    expect({ held: stored?.heldEnvelopes.length, released: stored?.releasedAt !== undefined }).toEqual({
      held: 0,
      released: true,
    });
    expect(await checkEnvelopes([envelopeFor(caseId, 'identity')], target([partner]), keys)).toHaveLength(1);
    expect(await outboxTopics(body.referralId)).toEqual([
      'intake.referral.requested.v1',
      'intake.referral.accepted.v1',
    ]);
    expect(await codeOf(replicas.one.answer.accept(partner, body.referralId, 'corr-again'))).toBe('REFERRAL.NOT_OPEN');

    const completed = await replicas.one.answer.complete(
      partner,
      body.referralId,
      'representation_provided',
      'corr-done',
    );
    expect(completed.status).toBe('completed');
  });

  it('drops a held key the section rotated past, and still records the disclosure', async () => {
    const caseId = await caseWithConsent();
    const body = request(caseId);
    await replicas.one.create.execute(sender, caseId, body, 'corr-referral');
    await caseModel(world.connection)
      .updateOne({ _id: caseId }, { $set: { 'sections.legal.keyVersion': 2 }, $inc: { grantsRevision: 1 } })
      .exec();
    await replicas.two.answer.accept(partner, body.referralId, 'corr-referral');
    const after = await caseModel(world.connection).findById(caseId).lean().exec();
    expect(after?.sections.identity?.envelopes.map((envelope) => envelope.recipientOrgId)).toEqual([partner]);
    expect(after?.sections.legal?.envelopes).toEqual([]);
    expect(after?.referralDisclosures).toEqual([partner]);
  });
});
