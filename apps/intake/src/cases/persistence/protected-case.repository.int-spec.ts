import mongoose, { type Connection } from 'mongoose';
import { CASE_SECTIONS, PURPOSES, ROLES, uuidv7 } from '@app/contracts';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { activeGrantFor } from '../domain/grants';
import { type Grant } from '../domain/protected-content';
import { ownerScope, readerScope } from '../domain/case-scope';
import { ProtectedCaseRepository } from './protected-case.repository';

const NOW = new Date('2031-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

/** One grant to org_b of `legal` and `identity` for legal representation, in each state the domain knows. */
const GRANT_STATES: Record<string, Partial<Grant>> = {
  active: {},
  pending: { validFrom: at(1) },
  endsNow: { validUntil: NOW },
  expiredByDate: { validUntil: at(-1) },
  withdrawn: { withdrawnAt: at(-1), withdrawalChannel: 'written' },
  swept: { validUntil: at(-1), expiredAt: at(-1) },
  superseded: { supersededAt: at(-1) },
};

function grant(overrides: Partial<Grant>): Grant {
  return {
    consentId: 'consent_1',
    consentVersion: 1,
    granteeOrgId: 'org_b',
    sections: ['legal', 'identity'],
    purposes: ['legal_representation'],
    validFrom: at(-10),
    validUntil: at(10),
    onwardSharing: false,
    ...overrides,
  };
}

describe('ProtectedCaseRepository scopes (real MongoDB)', () => {
  const database = `intake_scope_test_${uuidv7().slice(-12)}`;
  let connection: Connection;
  let repository: ProtectedCaseRepository;

  async function seed(caseId: string, grants: Grant[], extra: Record<string, unknown> = {}): Promise<void> {
    await connection.collection<Record<string, unknown> & { _id: string }>('cases').insertOne({
      _id: caseId,
      ownerOrgId: 'org_a',
      version: 1,
      sections: {},
      grants,
      consents: [],
      grantsRevision: 1,
      outbox: [],
      ...extra,
    });
  }

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    repository = new ProtectedCaseRepository(connection);
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('loads a case for a grantee exactly when the domain finds an active grant for section and purpose', async () => {
    const disagreements: string[] = [];
    for (const [state, overrides] of Object.entries(GRANT_STATES)) {
      const caseId = `case_${state}_${database.slice(-8)}`;
      const grants = [grant(overrides)];
      await seed(caseId, grants);
      for (const section of CASE_SECTIONS)
        for (const purpose of PURPOSES) {
          const expected = activeGrantFor(grants, 'org_b', section, purpose, NOW) !== undefined;
          const loaded = await repository.load(
            readerScope({ orgId: 'org_b', roles: ROLES }, purpose, section, NOW),
            caseId,
            {},
          );
          if ((loaded !== undefined) !== expected) disagreements.push(`${state} ${section} ${purpose}`);
        }
    }
    expect(disagreements).toEqual([]);
  }, 60_000);

  it('lists for a grantee with any active grant for the purpose, and always for the owner', async () => {
    const caseId = `case_list_${database.slice(-8)}`;
    await seed(caseId, [grant({}), grant({ granteeOrgId: 'org_c', withdrawnAt: at(-1) })]);
    const load = (orgId: string, purpose: (typeof PURPOSES)[number]) =>
      repository.load(readerScope({ orgId, roles: ROLES }, purpose, undefined, NOW), caseId, {});
    expect(await load('org_b', 'legal_representation')).toBeDefined();
    expect(await load('org_b', 'health_referral')).toBeUndefined();
    expect(await load('org_c', 'legal_representation')).toBeUndefined();
    expect(await load('org_a', 'health_referral')).toBeDefined();
  });

  it('writes only in the owner scope, and never to an erased case', async () => {
    const caseId = `case_write_${database.slice(-8)}`;
    await seed(caseId, [grant({})]);
    const change = {
      expectedVersion: 1,
      expectedGrantsRevision: 1,
      grants: [],
      envelopeRemovals: new Map(),
      retirements: new Map(),
      events: [],
    };
    expect(await repository.changeGrants(ownerScope('org_b'), caseId, change)).toBe(false);
    expect(await repository.load(ownerScope('org_b'), caseId, {})).toBeUndefined();
    expect(await repository.changeGrants(ownerScope('org_a'), caseId, change)).toBe(true);
    expect((await repository.load(ownerScope('org_a'), caseId, {}))?.grants).toEqual([]);

    const erased = `case_erased_${database.slice(-8)}`;
    await seed(erased, [grant({})], { erasedAt: NOW });
    expect(await repository.load(ownerScope('org_a'), erased, {})).toBeUndefined();
    expect(await repository.changeGrants(ownerScope('org_a'), erased, change)).toBe(false);
  });
});
