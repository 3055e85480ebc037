// The set-up the referral specs share: a Mexican legal-aid organization with
// a case whose identity and legal sections are written, and a U.S. pro bono
// partner listed in the provider directory, both enrolled with a FakeIntake.
import { FakeIntake } from './fake-intake';
import { grantAs, putSection, write } from './shared-case';
import { StaffSession } from './staff-session';

export const LEGAL = JSON.stringify({ schemaVersion: 1, narrative: 'CANARY-persecution-facts' });
export const IDENTITY_TEXT = JSON.stringify({
  schemaVersion: 1,
  legalName: { full: 'CANARY-Valeria-Ruiz' },
  pronouns: { terms: ['ella'] },
});
export const NOTE = 'CANARY-note: necesita intérprete de mam.\nAudiencia en 30 días.';

export const PARTNER_ORG = 'org-us-probono';

/** The client's consent to disclose identity and legal to the partner through a referral. */
export const DISCLOSE_GRANT = {
  granteeOrgId: PARTNER_ORG,
  action: 'disclose',
  purposes: [{ purpose: 'legal_representation', basis: 'necessary' }],
  sections: ['identity', 'legal'],
  expressConsent: false,
  validUntil: '2099-01-01T00:00:00.000Z',
  onwardSharing: false,
};

export function profile(overrides: object = {}): string {
  return JSON.stringify({
    displayName: 'Border Asylum Partners',
    services: ['legal_representation_us', 'interpretation'],
    practiceScopes: ['affirmative_asylum', 'removal_defense'],
    languages: ['en', 'es'],
    regionsServed: ['US-CA', 'US-AZ'],
    nationwide: [],
    acceptingReferrals: true,
    referralCapacity: 2,
    ...overrides,
  });
}

export interface ReferralCase {
  readonly intake: FakeIntake;
  readonly owner: StaffSession;
  readonly partner: StaffSession;
  readonly caseId: string;
}

/** Owner and partner enrolled, the partner listed; a case with identity and legal written; nothing granted yet. */
export async function openReferralCase(capacity = 2): Promise<ReferralCase> {
  const intake = new FakeIntake();
  const owner = await (await StaffSession.create('org-legal-aid', intake)).enroll();
  const partner = await (await StaffSession.create(PARTNER_ORG, intake)).enroll();
  await partner.ok(
    'directory',
    'publish',
    '--file',
    await write(partner, 'profile.json', profile({ referralCapacity: capacity })),
  );
  const routing = await write(
    owner,
    'routing.json',
    JSON.stringify({
      country: 'MX',
      regionCode: 'MX-BCN',
      needCategories: ['legal'],
      urgency: 'urgent',
      languages: ['es'],
    }),
  );
  const { caseId } = await owner.ok<{ caseId: string }>('case', 'open', '--routing', routing);
  await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY_TEXT);
  await putSection(owner, caseId, 'legal', 'legal.json', LEGAL);
  return { intake, owner, partner, caseId };
}

/** The owner refers identity and legal (granted to disclose) to the partner, with a note; returns the referral. */
export async function refer(
  { owner, caseId }: ReferralCase,
  ...extra: string[]
): Promise<{ referralId: string } & Record<string, unknown>> {
  return owner.ok(
    'referral',
    'create',
    '--case',
    caseId,
    '--partner',
    PARTNER_ORG,
    '--purpose',
    'legal_representation',
    '--sections',
    'identity,legal',
    '--need',
    'legal',
    '--note-file',
    await write(owner, `note-${Math.random()}.txt`, `${NOTE}\n`),
    ...extra,
  );
}

export { grantAs };
