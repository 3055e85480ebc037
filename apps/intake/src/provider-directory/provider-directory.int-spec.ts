import mongoose, { type Connection } from 'mongoose';
import { uuidv7 } from '@app/contracts';
import { type OrgPublicKeyRecord } from '@app/crypto';
import { DomainError } from '@app/errors';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { type KeyDirectory } from '../key-directory/key-directory.service';
import { type ProviderProfile } from './domain/provider-entry';
import { ProviderDirectoryRepository } from './persistence/provider-directory.repository';
import { ProviderDirectory } from './application/provider-directory.service';

const profile = (overrides: Partial<ProviderProfile> = {}): ProviderProfile => ({
  displayName: 'Partner',
  services: ['legal_representation_us'],
  practiceScopes: ['affirmative_asylum'],
  languages: ['en', 'es'],
  regionsServed: ['US-CA'],
  nationwide: [],
  acceptingReferrals: true,
  referralCapacity: 5,
  ...overrides,
});

/** Keys are the key directory's business (its own int-spec); here every organization but one has some. */
function keysOfAllBut(withoutKeys: string): KeyDirectory {
  const currentRecords = (orgIds: readonly string[]): Promise<Map<string, OrgPublicKeyRecord>> =>
    Promise.resolve(
      new Map(orgIds.filter((orgId) => orgId !== withoutKeys).map((orgId) => [orgId, { orgId } as OrgPublicKeyRecord])),
    );
  return { currentRecords } as unknown as KeyDirectory;
}

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('provider directory (real MongoDB)', () => {
  const database = `intake_test_directory_${uuidv7().slice(-12)}`;
  const run = uuidv7().slice(-8);
  const org = (name: string): string => `org_${name}_${run}`;
  let first: Connection;
  let second: Connection;
  let entries: ProviderDirectoryRepository;
  let otherReplica: ProviderDirectoryRepository;
  let directory: ProviderDirectory;

  beforeAll(async () => {
    first = await mongoose.createConnection(mongoUri(database)).asPromise();
    second = await mongoose.createConnection(mongoUri(database)).asPromise();
    entries = new ProviderDirectoryRepository(first);
    otherReplica = new ProviderDirectoryRepository(second);
    directory = new ProviderDirectory(entries, keysOfAllBut(org('keyless')));
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await first?.dropDatabase();
    await Promise.all([first?.close(), second?.close()]);
  });

  it('counts acceptances exactly: 20 at once from two replicas on capacity 5 take 5 units', async () => {
    const partner = org('busy');
    await directory.publish(partner, profile({ referralCapacity: 5 }));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? entries : otherReplica).takeSlot(partner, `ref_${index}`, new Date()),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'taken')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === 'none_open')).toHaveLength(15);
    const entry = await directory.requireListed(partner);
    expect({ openReferrals: entry.openReferrals, capacity: entry.referralCapacity }).toEqual({
      openReferrals: 5,
      capacity: 5,
    });
  });

  it('takes one unit per referral however often its acceptance is retried, and gives it back once', async () => {
    const partner = org('retry');
    await directory.publish(partner, profile({ referralCapacity: 2 }));
    expect(await entries.takeSlot(partner, 'ref_a', new Date())).toBe('taken');
    expect(await otherReplica.takeSlot(partner, 'ref_a', new Date())).toBe('already_held');
    expect((await directory.requireListed(partner)).openReferrals).toBe(1);
    await entries.releaseSlot(partner, 'ref_a');
    await otherReplica.releaseSlot(partner, 'ref_a');
    expect((await directory.requireListed(partner)).openReferrals).toBe(0);
    expect(await entries.takeSlot(partner, 'ref_b', new Date())).toBe('taken');
    expect(await entries.takeSlot(partner, 'ref_c', new Date())).toBe('taken');
    expect(await entries.takeSlot(partner, 'ref_d', new Date())).toBe('none_open');
  });

  it('keeps held referrals through a capacity change, and takes none while not accepting', async () => {
    const partner = org('resize');
    const { entry: published } = await directory.publish(partner, profile({ referralCapacity: 3 }));
    await entries.takeSlot(partner, 'ref_1', new Date());
    await entries.takeSlot(partner, 'ref_2', new Date());
    const { entry: lowered } = await directory.publish(partner, profile({ referralCapacity: 1 }), published.version);
    expect({ held: lowered.openReferrals, version: lowered.version }).toEqual({ held: 2, version: 2 });
    expect(await entries.takeSlot(partner, 'ref_3', new Date())).toBe('none_open');
    await entries.releaseSlot(partner, 'ref_1');
    await entries.releaseSlot(partner, 'ref_2');
    expect(await entries.takeSlot(partner, 'ref_3', new Date())).toBe('taken');
    await directory.publish(partner, profile({ referralCapacity: 5, acceptingReferrals: false }));
    expect(await entries.takeSlot(partner, 'ref_4', new Date())).toBe('none_open');
    expect((await directory.requireListed(partner)).openReferrals).toBe(1);
  });

  it('refuses a stale version, a first entry before keys, and unlists out of search', async () => {
    const partner = org('versions');
    expect(await codeOf(directory.publish(partner, profile(), 3))).toBe('DIRECTORY.VERSION_CONFLICT');
    await directory.publish(partner, profile(), 0);
    expect(await codeOf(directory.publish(partner, profile(), 0))).toBe('DIRECTORY.VERSION_CONFLICT');
    expect(await codeOf(directory.publish(org('keyless'), profile()))).toBe('DIRECTORY.KEYS_REQUIRED');
    expect(await codeOf(directory.unlist(partner, 2))).toBe('DIRECTORY.VERSION_CONFLICT');
    await directory.unlist(partner, 1);
    expect(await codeOf(directory.requireListed(partner))).toBe('DIRECTORY.NOT_FOUND');
    expect(await codeOf(directory.unlist(partner))).toBe('DIRECTORY.NOT_FOUND');
    const found = await directory.search({ service: 'legal_representation_us', region: 'US-CA' }, 50);
    expect(found.items.map(({ entry }) => entry.orgId)).not.toContain(partner);
    const { entry: relisted } = await directory.publish(partner, profile());
    expect(relisted.version).toBe(3);
  });

  it('searches by every term, best fit first, and pages without repeating or skipping', async () => {
    const scope = { service: 'mental_health', language: 'pt', region: 'US-AZ' } as const;
    const base = profile({ services: ['mental_health'], practiceScopes: [], languages: ['pt'], regionsServed: [] });
    const names = ['local_roomy', 'local_small', 'nationwide', 'full', 'closed', 'other_country', 'other_lang'];
    const [localRoomy, localSmall, nationwide, full, closed, otherCountry, otherLanguage] = names.map(org) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await directory.publish(localRoomy, { ...base, regionsServed: ['US-AZ'], referralCapacity: 9 });
    await directory.publish(localSmall, { ...base, regionsServed: ['US-AZ', 'US-NM'], referralCapacity: 2 });
    await directory.publish(nationwide, { ...base, nationwide: ['US'], referralCapacity: 50 });
    await directory.publish(full, { ...base, regionsServed: ['US-AZ'], referralCapacity: 1 });
    await entries.takeSlot(full, 'ref_full', new Date());
    await directory.publish(closed, { ...base, regionsServed: ['US-AZ'], acceptingReferrals: false });
    await directory.publish(otherCountry, { ...base, nationwide: ['MX'] });
    await directory.publish(otherLanguage, { ...base, languages: ['es'], regionsServed: ['US-AZ'] });

    // Neither can accept: the one updated last (closed, published after full) comes first.
    const order = [localRoomy, localSmall, nationwide, closed, full];
    const all = await directory.search(scope, 50);
    expect(all.items.map(({ entry }) => entry.orgId)).toEqual(order);
    expect(all.nextCursor).toBeUndefined();

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await directory.search(scope, 2, cursor);
      paged.push(...page.items.map(({ entry }) => entry.orgId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(order);

    const open = await directory.search({ ...scope, withOpenCapacity: true }, 50);
    expect(open.items.map(({ entry }) => entry.orgId)).toEqual([localRoomy, localSmall, nationwide]);
    const inNewMexico = await directory.search({ ...scope, region: 'US-NM' }, 50);
    expect(inNewMexico.items.map(({ entry }) => entry.orgId)).toEqual([localSmall, nationwide]);
    expect(await codeOf(directory.search(scope, 2, 'x.y'))).toBe('DIRECTORY.INVALID_CURSOR');
  });
});
