import { randomBytes } from 'node:crypto';
import { sealDataKey, recipientKeyOf } from '@app/crypto';
import { caseModel } from '../cases/persistence/case.model';
import { partnerScope, senderScope } from './domain/referral-scope';
import { codeOf, referralWorld } from './testing/referral-world';

describe('referral races across two replicas (real MongoDB)', () => {
  const world = referralWorld('races');
  const { sender, partner, outsider, run, replicas, grant, caseWithConsent, request, outboxTopics } = world;
  const SHARED = ['identity', 'legal'] as const;

  beforeAll(() => world.setUp());
  afterAll(() => world.tearDown());

  it('accepts exactly the capacity: 20 acceptances on 2 replicas, capacity 5 → 5 accepted, 15 × 409', async () => {
    const capacityPartner = `org_capacity_${run}`;
    world.records().set(capacityPartner, { ...world.records().get(partner)!, orgId: capacityPartner });
    const entry = await replicas.one.providers.findAny(partner);
    await replicas.one.providers.insert(capacityPartner, { ...entry!, referralCapacity: 5 }, new Date());
    const referralIds: string[] = [];
    for (let index = 0; index < 20; index++) {
      const caseId = await caseWithConsent([grant({ granteeOrgId: capacityPartner })]);
      const envelopes = SHARED.map((section) =>
        sealDataKey({
          caseId,
          section,
          keyVersion: 1,
          dataKey: new Uint8Array(randomBytes(32)),
          recipient: { ...recipientKeyOf(world.partnerKeys), orgId: capacityPartner, consentId: 'consent_referrals' },
        }),
      );
      const body = request(caseId, { partnerOrgId: capacityPartner, envelopes });
      await replicas.one.create.execute(sender, caseId, body, 'corr-referral');
      referralIds.push(body.referralId);
    }
    const outcomes = await Promise.all(
      referralIds.map((referralId, index) =>
        codeOf(
          (index % 2 === 0 ? replicas.one : replicas.two).answer.accept(capacityPartner, referralId, 'corr-referral'),
        ),
      ),
    );
    expect(outcomes.filter((code) => code === undefined)).toHaveLength(5);
    expect(outcomes.filter((code) => code === 'REFERRAL.NO_CAPACITY')).toHaveLength(15);
    const accepted = await replicas.one.referrals.list(partnerScope(capacityPartner), 'accepted', 50);
    expect(accepted.items).toHaveLength(5);
    expect((await replicas.one.providers.findAny(capacityPartner))?.openReferrals).toBe(5);
  }, 120_000);

  it('lets in one of two simultaneous requests for a case and partner, and a new one once it ended', async () => {
    const caseId = await caseWithConsent();
    const [first, second] = [request(caseId), request(caseId)];
    const outcomes = await Promise.all([
      codeOf(replicas.one.create.execute(sender, caseId, first, 'corr-referral')),
      codeOf(replicas.two.create.execute(sender, caseId, second, 'corr-referral')),
    ]);
    expect([...outcomes].sort()).toEqual(['REFERRAL.ALREADY_OPEN', undefined]);
    const winner = outcomes[0] === undefined ? first : second;
    const loser = winner === first ? second : first;
    expect(await replicas.one.referrals.find(senderScope(sender), loser.referralId)).toBeUndefined();
    // The same id again is a different refusal: the id is taken, whatever the case.
    expect(await codeOf(replicas.one.create.execute(sender, caseId, winner, 'corr-referral'))).toBe(
      'REFERRAL.ALREADY_EXISTS',
    );
    await replicas.two.answer.decline(partner, winner.referralId, 'no_capacity', 'corr-referral');
    expect(await codeOf(replicas.one.create.execute(sender, caseId, loser, 'corr-referral'))).toBeUndefined();
  });

  it('expires an unanswered referral once, whichever replicas sweep, and deletes its held keys', async () => {
    const caseId = await caseWithConsent();
    const body = request(caseId, { respondBy: new Date(Date.now() + 60_000) });
    await replicas.one.create.execute(sender, caseId, body, 'corr-referral');
    const later = new Date(Date.now() + 61_000);
    const [first, second] = await Promise.all([
      replicas.one.sweeper.sweepOnce(later),
      replicas.two.sweeper.sweepOnce(later),
    ]);
    expect((first?.expired ?? 0) + (second?.expired ?? 0)).toBe(1);
    await replicas.two.sweeper.sweepOnce(later);
    const topics = await outboxTopics(body.referralId);
    expect(topics.filter((topic) => topic === 'intake.referral.expired.v1')).toHaveLength(1);
    const expired = await replicas.one.referrals.find(senderScope(sender), body.referralId);
    expect({ status: expired?.status, held: expired?.heldEnvelopes.length }).toEqual({ status: 'expired', held: 0 });
    expect(await codeOf(replicas.two.answer.accept(partner, body.referralId, 'corr-referral'))).toBe(
      'REFERRAL.NOT_OPEN',
    );
  });

  it('withdraws what consent stops covering; an accepted one loses its envelopes and its unit', async () => {
    const openCase = await caseWithConsent();
    const acceptedCase = await caseWithConsent();
    const open = request(openCase);
    const taken = request(acceptedCase);
    await replicas.one.create.execute(sender, openCase, open, 'corr-referral');
    await replicas.one.create.execute(sender, acceptedCase, taken, 'corr-referral');
    await replicas.one.answer.accept(partner, taken.referralId, 'corr-referral');
    const held = (await replicas.one.providers.findAny(partner))?.openReferrals ?? 0;

    for (const caseId of [openCase, acceptedCase])
      await caseModel(world.connection)
        .updateOne({ _id: caseId }, { $set: { 'grants.0.withdrawnAt': new Date() }, $inc: { grantsRevision: 1 } })
        .exec();
    const origin = { producer: 'intake', correlationId: 'corr-referral', causationId: null };
    for (const referralId of [open.referralId, taken.referralId]) {
      const referral = await replicas.one.referrals.find(senderScope(sender), referralId);
      expect(await replicas.one.coverage.recheck(referral!, origin)).toBe(true);
      const withdrawn = await replicas.one.referrals.find(senderScope(sender), referralId);
      expect(withdrawn?.end).toMatchObject({ status: 'withdrawn', reason: 'consent_withdrawn' });
    }
    const takenBack = await caseModel(world.connection).findById(acceptedCase).lean().exec();
    expect(takenBack?.sections.identity?.envelopes).toEqual([]);
    expect(takenBack?.sections.identity?.rotationRequired).toBe(true);
    expect(takenBack?.referralDisclosures).toEqual([]);
    expect((await replicas.one.providers.findAny(partner))?.openReferrals).toBe(held - 1);
    expect(await codeOf(replicas.one.answer.accept(partner, open.referralId, 'corr-referral'))).toBe(
      'REFERRAL.NOT_OPEN',
    );
  });

  it('deletes the held keys of a declined referral, and only the sender withdraws', async () => {
    const caseId = await caseWithConsent();
    const body = request(caseId);
    await replicas.one.create.execute(sender, caseId, body, 'corr-referral');
    expect(await codeOf(replicas.one.answer.withdraw(partner, body.referralId, 'corr-referral'))).toBe(
      'REFERRAL.NOT_FOUND',
    );
    expect(await codeOf(replicas.one.answer.decline(outsider, body.referralId, 'outside_scope', 'corr-referral'))).toBe(
      'REFERRAL.NOT_FOUND',
    );
    const declined = await replicas.two.answer.decline(partner, body.referralId, 'outside_scope', 'corr-referral');
    expect({ status: declined.status, held: declined.heldEnvelopes.length }).toEqual({ status: 'declined', held: 0 });
    expect(await codeOf(replicas.one.answer.withdraw(sender, body.referralId, 'corr-referral'))).toBe(
      'REFERRAL.NOT_OPEN',
    );
  });
});
