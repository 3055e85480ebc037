import { FakeIntake } from '../../test/fake-intake';
import { profile } from '../../test/referral-case';
import { errorCode, write } from '../../test/shared-case';
import { StaffSession } from '../../test/staff-session';

jest.setTimeout(30_000);

describe('directory search, show and publish', () => {
  let intake: FakeIntake;
  let searcher: StaffSession;

  beforeAll(async () => {
    intake = new FakeIntake();
    searcher = await (await StaffSession.create('org-legal-aid', intake)).enroll();
    const listings: [string, object][] = [
      ['org-us-full', { referralCapacity: 0 }],
      ['org-us-open', { referralCapacity: 3 }],
      ['org-mx-shelter', { services: ['shelter'], practiceScopes: [], regionsServed: ['MX-CHP'] }],
    ];
    for (const [orgId, overrides] of listings) {
      const org = await (await StaffSession.create(orgId, intake)).enroll();
      await org.ok('directory', 'publish', '--file', await write(org, 'p.json', profile(overrides)));
    }
  });

  it('finds providers by service and region, open capacity first, each with its keys and fingerprint', async () => {
    const { items } = await searcher.ok<{ items: Record<string, unknown>[] }>(
      'directory',
      'search',
      '--service',
      'legal_representation_us',
      '--region',
      'US-CA',
      '--language',
      'es',
    );
    expect(items.map((i) => i.orgId)).toEqual(['org-us-open', 'org-us-full']);
    expect(items[0]).toMatchObject({ openCapacity: 3, keys: { orgId: 'org-us-open', keyVersion: 1 } });
    expect(typeof (items[0]?.keys as { fingerprint?: unknown }).fingerprint).toBe('string');
  });

  it('--open leaves out providers without capacity; pages follow nextCursor', async () => {
    const open = await searcher.ok<{ items: { orgId: string }[] }>('directory', 'search', '--open');
    expect(open.items.map((i) => i.orgId).sort()).toEqual(['org-mx-shelter', 'org-us-open']);
    const first = await searcher.ok<{ items: unknown[]; nextCursor: string }>('directory', 'search', '--limit', '2');
    expect(first.items).toHaveLength(2);
    const next = await searcher.ok<{ items: unknown[]; nextCursor?: string }>(
      'directory',
      'search',
      '--limit',
      '2',
      '--cursor',
      first.nextCursor,
    );
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeUndefined();
  });

  it('refuses terms outside the vocabulary before calling intake', async () => {
    const before = intake.requests.length;
    for (const args of [
      ['--service', 'lawyers'],
      ['--scope', 'asylum'],
      ['--region', 'US-XX'],
      ['--language', 'spanish'],
      ['--limit', '0'],
    ]) {
      expect(errorCode((await searcher.run('directory', 'search', ...args)).stderr)).toBe('CLI.USAGE');
    }
    expect(intake.requests.length).toBe(before);
  });

  it("shows one organization's entry; an unlisted one is intake's 404", async () => {
    expect(await searcher.ok('directory', 'show', 'org-mx-shelter')).toMatchObject({
      orgId: 'org-mx-shelter',
      services: ['shelter'],
      version: 1,
    });
    expect(errorCode((await searcher.run('directory', 'show', 'org-legal-aid')).stderr)).toBe('DIRECTORY.NOT_FOUND');
  });
});
