import mongoose, { type Connection } from 'mongoose';
import { CaseClosedV1, CaseOpenedV2, type Routing, newCaseId, uuidv7 } from '@app/contracts';
import { buildEvent } from '@app/messaging';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { type Case } from '../domain/case';
import { ownerScope } from '../domain/case-scope';
import { type CaseListFilter, type CaseListPosition } from '../domain/case-list';
import { applyStatusChange } from '../domain/case-lifecycle';
import { CaseRepository } from './case.repository';
import { LegacyCaseStatusMigration } from './legacy-case-status.migration';

const ORIGIN = { producer: 'intake', correlationId: 'corr-list', causationId: null };
const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);

function routing(overrides: Partial<Routing> = {}): Routing {
  return {
    country: 'MX',
    regionCode: 'MX-CHP',
    needCategories: ['legal'],
    urgency: 'routine',
    languages: ['es'],
    ...overrides,
  };
}

describe('case list and status (real MongoDB)', () => {
  const database = `intake_test_caselist_${uuidv7().slice(-12)}`;
  const orgId = `org_list_${uuidv7().slice(-8)}`;
  const otherOrg = `org_other_${uuidv7().slice(-8)}`;
  let connection: Connection;
  let cases: CaseRepository;

  async function open(
    owner: string,
    day: number,
    overrides: Partial<Routing> = {},
    at = EPOCH + day * DAY,
  ): Promise<Case> {
    const opened: Case = {
      caseId: newCaseId(),
      ownerOrgId: owner,
      routing: routing(overrides),
      status: 'open',
      version: 1,
      openedAt: new Date(at),
      updatedAt: new Date(at),
    };
    await cases.insert(
      opened,
      buildEvent(CaseOpenedV2, opened.caseId, 1, { caseId: opened.caseId, ownerOrgId: owner }, ORIGIN),
    );
    return opened;
  }

  async function close(found: Case, day: number): Promise<Case> {
    const closed = applyStatusChange(found, {
      kind: 'close',
      closedAt: new Date(EPOCH + day * DAY),
      reason: 'lost_contact',
    });
    const event = buildEvent(
      CaseClosedV1,
      found.caseId,
      closed.version,
      { caseId: found.caseId, ownerOrgId: found.ownerOrgId, reason: 'lost_contact' },
      ORIGIN,
    );
    expect(await cases.changeStatus(ownerScope(found.ownerOrgId), closed, found.version, event)).toBe(true);
    return closed;
  }

  /** Every page, following the cursor position, as the ids in the order served. */
  async function allPages(filter: CaseListFilter, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let after: CaseListPosition | undefined;
    do {
      const page = await cases.list(ownerScope(orgId), filter, limit, after);
      pages.push(page.items.map((found) => found.caseId));
      after = page.next;
    } while (after && pages.length < 50);
    return pages;
  }

  const ids = (found: readonly Case[]): string[] => found.map((c) => c.caseId);
  const newestFirst = (found: readonly Case[]): Case[] =>
    [...found].sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || (a.caseId < b.caseId ? 1 : -1));

  let all: Case[] = [];

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    cases = new CaseRepository(connection);
    await new LegacyCaseStatusMigration(connection).onModuleInit();
    const legal = await open(orgId, 1);
    const shelterUs = await open(orgId, 2, {
      country: 'US',
      regionCode: 'US-TX',
      needCategories: ['shelter', 'legal'],
      languages: ['en', 'es'],
    });
    const urgent = await open(orgId, 3, { urgency: 'urgent', needCategories: ['health'], languages: ['fr'] });
    // Three opened in the same millisecond: the id breaks the tie, so no page repeats or skips one.
    const sameInstant = EPOCH + 4 * DAY;
    const ties = [
      await open(orgId, 4, {}, sameInstant),
      await open(orgId, 4, {}, sameInstant),
      await open(orgId, 4, {}, sameInstant),
    ];
    const closedOne = await close(await open(orgId, 5, { regionCode: 'MX-BCN' }), 6);
    await open(otherOrg, 2);
    all = [legal, shelterUs, urgent, ...ties, closedOne];
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it("lists the organization's cases only, newest opened first, ties by id", async () => {
    const page = await cases.list(ownerScope(orgId), {}, 100);
    expect(ids(page.items)).toEqual(ids(newestFirst(all)));
    expect(page.next).toBeUndefined();
    expect(page.items.every((found) => found.ownerOrgId === orgId)).toBe(true);
  });

  it('pages by position: every case exactly once, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 7]) {
      const pages = await allPages({}, limit);
      expect(pages.flat()).toEqual(ids(newestFirst(all)));
      expect(pages.every((page) => page.length <= limit)).toBe(true);
    }
  });

  it('keeps the pages a client has not read when cases are opened while it pages', async () => {
    const first = await cases.list(ownerScope(orgId), {}, 3);
    // The newest case of all, so it sorts before every page read so far: an offset would shift the next page.
    const added = await open(orgId, 30);
    const second = await cases.list(ownerScope(orgId), {}, 100, first.next);
    expect([...ids(first.items), ...ids(second.items)]).toEqual(ids(newestFirst(all)));
    all = [...all, added];
    expect((await allPages({}, 100)).flat()).toEqual(ids(newestFirst(all)));
  });

  it('filters by routing, status and date ranges, each narrowing', async () => {
    const only = async (filter: CaseListFilter): Promise<string[]> => (await allPages(filter, 2)).flat();
    const matching = (keep: (found: Case) => boolean): string[] => ids(newestFirst(all.filter(keep)));
    expect(await only({ country: 'US' })).toEqual(matching((c) => c.routing.country === 'US'));
    expect(await only({ regionCode: 'MX-BCN' })).toEqual(matching((c) => c.routing.regionCode === 'MX-BCN'));
    expect(await only({ needCategory: 'legal' })).toEqual(matching((c) => c.routing.needCategories.includes('legal')));
    expect(await only({ language: 'es' })).toEqual(matching((c) => c.routing.languages.includes('es')));
    expect(await only({ urgency: 'urgent' })).toEqual(matching((c) => c.routing.urgency === 'urgent'));
    expect(await only({ status: 'closed' })).toEqual(matching((c) => c.status === 'closed'));
    expect(await only({ status: 'open', needCategory: 'legal', language: 'en' })).toEqual(
      matching((c) => c.status === 'open' && c.routing.languages.includes('en')),
    );
    const day = (n: number): Date => new Date(EPOCH + n * DAY);
    expect(await only({ opened: { from: day(2), before: day(4) } })).toEqual(
      matching((c) => c.openedAt >= day(2) && c.openedAt < day(4)),
    );
    expect(await only({ closed: { from: day(6) } })).toHaveLength(1);
    expect(await only({ closed: { before: day(6) } })).toEqual([]);
    expect(await only({ updated: { from: day(6) } })).toEqual(matching((c) => c.updatedAt >= day(6)));
  });

  it('never lists an erased case', async () => {
    const erased = await open(orgId, 40);
    await connection.collection('cases').updateOne({ _id: erased.caseId } as never, { $set: { erasedAt: new Date() } });
    expect((await allPages({}, 100)).flat()).not.toContain(erased.caseId);
  });

  it("changes a status only at the version read, and only in the owner's scope", async () => {
    const found = await open(orgId, 50);
    const closed = applyStatusChange(found, { kind: 'close', closedAt: new Date(), reason: 'duplicate' });
    const event = buildEvent(
      CaseClosedV1,
      found.caseId,
      2,
      { caseId: found.caseId, ownerOrgId: orgId, reason: 'duplicate' },
      ORIGIN,
    );
    expect(await cases.changeStatus(ownerScope(otherOrg), closed, 1, event)).toBe(false);
    expect(await cases.changeStatus(ownerScope(orgId), closed, 7, event)).toBe(false);
    expect(await cases.changeStatus(ownerScope(orgId), closed, 1, event)).toBe(true);
    expect(await cases.changeStatus(ownerScope(orgId), closed, 1, event)).toBe(false);
    expect(await cases.find(ownerScope(orgId), found.caseId)).toEqual(closed);
    const reopened = applyStatusChange(closed, { kind: 'reopen', reopenedAt: new Date() });
    expect(await cases.changeStatus(ownerScope(orgId), reopened, 2, event)).toBe(true);
    const stored = await connection.collection('cases').findOne({ _id: found.caseId } as never);
    expect(stored).toMatchObject({ status: 'open', version: 3 });
    expect(stored).not.toHaveProperty('closure');
    all = [...all, reopened];
  });

  it('gives cases stored without a status the status open, once', async () => {
    const legacyId = newCaseId();
    await connection.collection('cases').insertOne({
      _id: legacyId,
      ownerOrgId: orgId,
      routing: routing(),
      version: 1,
      openedAt: new Date(EPOCH),
      updatedAt: new Date(EPOCH),
    } as never);
    await new LegacyCaseStatusMigration(connection).onModuleInit();
    await new LegacyCaseStatusMigration(connection).onModuleInit();
    expect(await cases.find(ownerScope(orgId), legacyId)).toMatchObject({ status: 'open' });
    expect((await cases.list(ownerScope(orgId), { status: 'open' }, 100)).items.map((c) => c.caseId)).toContain(
      legacyId,
    );
  });
});
