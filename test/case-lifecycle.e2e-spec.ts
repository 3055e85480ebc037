import { CaseClosedV1, CaseReopenedV1, type Role } from '@app/contracts';
import { findMessages } from './support/find-messages';
import { TestStack } from './support/intake-stack';

interface Reply {
  status: number;
  body: Record<string, unknown>;
  contentType: string;
}

interface CaseBody {
  caseId: string;
  openedAt: string;
  status: string;
  version: number;
  closingReason?: string;
  closedAt?: string;
}

const routing = (overrides: Record<string, unknown> = {}) => ({
  country: 'MX',
  regionCode: 'MX-CHP',
  needCategories: ['legal'],
  urgency: 'routine',
  languages: ['es'],
  ...overrides,
});

/**
 * The case lifecycle as staff meet it over HTTP, with real tokens: list and
 * filter the organization's cases page by page, close with a reason, reopen;
 * each change is published on its topic, and nothing crosses organizations.
 */
describe('case lifecycle (intake over HTTP and Kafka)', () => {
  const run = Date.now().toString(36);
  const stack = new TestStack(`lifecycle_${run}`);
  const orgA = `org_life_a_${run}`;
  const orgB = `org_life_b_${run}`;
  const tokens = new Map<string, string>();

  async function token(org: string, roles: Role[]): Promise<string> {
    const key = `${org}:${roles.join(',')}`;
    const known = tokens.get(key);
    if (known) return known;
    const minted = await stack.issuer.mint({ sub: `staff_${key}`, org, roles });
    tokens.set(key, minted);
    return minted;
  }

  async function call(
    org: string,
    method: string,
    path: string,
    body?: unknown,
    roles: Role[] = ['intake_worker'],
  ): Promise<Reply> {
    const response = await fetch(`${stack.service('intake').url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(org, roles)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      contentType: response.headers.get('content-type') ?? '',
    };
  }

  async function openCase(org: string, overrides: Record<string, unknown> = {}): Promise<CaseBody> {
    const opened = await call(org, 'POST', '/cases', { routing: routing(overrides) });
    expect(opened.status).toBe(201);
    return opened.body as unknown as CaseBody;
  }

  async function listAll(org: string, query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const suffix = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const listed = await call(org, 'GET', `/cases?limit=${limit}${query}${suffix}`);
      expect(listed.status).toBe(200);
      const items = listed.body.items as CaseBody[];
      expect(items.length).toBeLessThanOrEqual(limit);
      seen.push(...items.map((item) => item.caseId));
      cursor = listed.body.nextCursor as string | undefined;
      if (cursor === undefined) return seen;
    }
    throw new Error('the list did not end');
  }

  function expectProblem(reply: Reply, status: number, code: string): void {
    expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
    expect(reply.contentType).toContain('application/problem+json');
  }

  beforeAll(async () => {
    await stack.start(['intake']);
  }, 120_000);

  afterAll(() => stack.stop(), 60_000);

  it('lists the organization’s own cases newest first, filtered, page by page', async () => {
    const legal = await openCase(orgA);
    const shelter = await openCase(orgA, {
      needCategories: ['shelter'],
      country: 'US',
      regionCode: 'US-TX',
      languages: ['en'],
    });
    const urgent = await openCase(orgA, { urgency: 'urgent', languages: ['es', 'en'] });
    const others = await openCase(orgB);

    // Newest opened first; two opened in the same millisecond go by id, descending.
    const newestFirst = (cases: CaseBody[]): string[] =>
      [...cases]
        .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.caseId < b.caseId ? 1 : -1))
        .map((c) => c.caseId);
    const everything = await listAll(orgA, '', 2);
    expect(everything).toEqual(newestFirst([urgent, shelter, legal]));
    expect(everything).not.toContain(others.caseId);
    expect(await listAll(orgA, '&language=en', 1)).toEqual(newestFirst([urgent, shelter]));
    expect(await listAll(orgA, '&country=US&needCategory=shelter', 5)).toEqual([shelter.caseId]);
    expect(await listAll(orgA, '&urgency=urgent&status=open', 5)).toEqual([urgent.caseId]);
    const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    expect(await listAll(orgA, `&openedFrom=${future}`, 5)).toEqual([]);
    // RFC 3339 as written elsewhere: an offset, lowercase separators, more fraction digits than a millisecond.
    const past = encodeURIComponent('2000-01-01t00:00:00.000000001+08:00');
    expect(await listAll(orgA, `&openedBefore=${past}`, 5)).toEqual([]);
    expect(await listAll(orgA, `&openedFrom=${past}&needCategory=shelter`, 5)).toEqual([shelter.caseId]);
    expect(await listAll(orgB, '', 5)).toEqual([others.caseId]);
  }, 60_000);

  it('closes with a reason and reopens, publishing each change; a closed case keeps its routing', async () => {
    const opened = await openCase(orgA, { needCategories: ['protection'] });
    const closed = await call(orgA, 'POST', `/cases/${opened.caseId}/close`, { reason: 'services_completed' }, [
      'legal_staff',
    ]);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      caseId: opened.caseId,
      status: 'closed',
      version: 2,
      closingReason: 'services_completed',
    });
    expect(Date.parse(closed.body.closedAt as string)).not.toBeNaN();

    expectProblem(
      await call(orgA, 'POST', `/cases/${opened.caseId}/close`, { reason: 'duplicate' }),
      409,
      'CASE.ALREADY_CLOSED',
    );
    expectProblem(
      await call(orgA, 'PUT', `/cases/${opened.caseId}/routing`, { version: 2, routing: routing() }),
      409,
      'CASE.CLOSED',
    );
    expect(await listAll(orgA, '&status=closed', 5)).toEqual([opened.caseId]);
    expect(await listAll(orgA, '&status=open&needCategory=protection', 5)).toEqual([]);

    expectProblem(
      await call(orgA, 'POST', `/cases/${opened.caseId}/reopen`, { version: 1 }),
      409,
      'CASE.VERSION_CONFLICT',
    );
    const reopened = await call(orgA, 'POST', `/cases/${opened.caseId}/reopen`, { version: 2 });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', version: 3 });
    expect(reopened.body).not.toHaveProperty('closedAt');
    expect(reopened.body).not.toHaveProperty('closingReason');
    expectProblem(await call(orgA, 'POST', `/cases/${opened.caseId}/reopen`, {}), 409, 'CASE.NOT_CLOSED');

    const [closedEvent] = await findMessages(`lifecycle-${run}-closed`, CaseClosedV1.topic, opened.caseId);
    const [reopenedEvent] = await findMessages(`lifecycle-${run}-reopened`, CaseReopenedV1.topic, opened.caseId);
    const closedEnvelope = CaseClosedV1.envelope.parse(JSON.parse(closedEvent?.value?.toString() ?? 'null'));
    expect({ sequence: closedEnvelope.sequence, data: closedEnvelope.data }).toEqual({
      sequence: 2,
      data: { caseId: opened.caseId, ownerOrgId: orgA, reason: 'services_completed' },
    });
    const reopenedEnvelope = CaseReopenedV1.envelope.parse(JSON.parse(reopenedEvent?.value?.toString() ?? 'null'));
    expect({ sequence: reopenedEnvelope.sequence, data: reopenedEnvelope.data }).toEqual({
      sequence: 3,
      data: { caseId: opened.caseId, ownerOrgId: orgA },
    });
  }, 120_000);

  it('answers another organization as if the case did not exist, and changes nothing', async () => {
    const opened = await openCase(orgA);
    expectProblem(
      await call(orgB, 'POST', `/cases/${opened.caseId}/close`, { reason: 'other' }),
      404,
      'CASE.NOT_FOUND',
    );
    expectProblem(await call(orgB, 'POST', `/cases/${opened.caseId}/reopen`, {}), 404, 'CASE.NOT_FOUND');
    expect((await call(orgA, 'GET', `/cases/${opened.caseId}`)).body).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses bad input with problem+json and a stable code, and roles that do not manage cases', async () => {
    const opened = await openCase(orgA);
    const refusals: [string, string, unknown, string][] = [
      ['POST', `/cases/${opened.caseId}/close`, { reason: 'client_deported' }, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/cases/${opened.caseId}/close`, {}, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/cases/${opened.caseId}/close`, { reason: 'other', note: 'free text' }, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/cases/${opened.caseId}/close`, { reason: 'other', version: 0 }, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?status=archived', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?needCategory=health:hiv_care', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?openedFrom=yesterday', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?limit=101', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?limit=0', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?ownerOrgId=someone_else', undefined, 'REQUEST.VALIDATION_FAILED'],
      ['GET', '/cases?cursor=bm90LWEtY3Vyc29y', undefined, 'CASE.INVALID_CURSOR'],
    ];
    for (const [method, path, body, code] of refusals) {
      const reply = await call(orgA, method, path, body);
      expect({ path, body, status: reply.status, code: reply.body.code }).toEqual({ path, body, status: 400, code });
      expect(reply.contentType).toContain('application/problem+json');
    }
    expectProblem(await call(orgA, 'GET', '/cases', undefined, ['shelter_staff']), 403, 'AUTH.FORBIDDEN');
    expectProblem(
      await call(orgA, 'POST', `/cases/${opened.caseId}/close`, { reason: 'other' }, ['partner_attorney']),
      403,
      'AUTH.FORBIDDEN',
    );
    expect((await call(orgA, 'GET', `/cases/${opened.caseId}`)).body).toMatchObject({ status: 'open', version: 1 });
  });
});
