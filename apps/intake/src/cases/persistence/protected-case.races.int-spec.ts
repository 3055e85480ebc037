import mongoose, { type Connection } from 'mongoose';
import { type KeyEnvelope, type SectionRecord } from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { type StoredSection } from '../domain/protected-content';
import { ownerScope } from '../domain/case-scope';
import { type GrantsChange, ProtectedCaseRepository } from './protected-case.repository';

const OWNER = ownerScope('org_a');

// The repository stores the SDK's objects as they come; their content does not matter to these races.
const envelopeFor = (recipientOrgId: string) => ({ recipientOrgId }) as unknown as KeyEnvelope;

function health(recipients: string[]): StoredSection {
  return {
    record: { section: 'health' } as unknown as SectionRecord,
    contentVersion: 1,
    keyVersion: 1,
    envelopes: recipients.map(envelopeFor),
    retiredKeyVersions: [],
    rotationRequired: false,
    updatedAt: new Date(),
  };
}

/** B's withdrawal as planned from a read at `grantsRevision`, before the health section existed. */
function withdrawalPlannedAt(grantsRevision: number): GrantsChange {
  return {
    expectedVersion: 1,
    expectedGrantsRevision: grantsRevision,
    grants: [],
    envelopeRemovals: new Map(),
    retirements: new Map(),
    events: [],
  };
}

/**
 * A withdrawal and a section write, interleaved step by step: each plans from
 * its own read, then writes. Whichever writes second must fail and re-read,
 * or B keeps an envelope it lost the right to.
 */
describe('ProtectedCaseRepository: a withdrawal racing a section write (real MongoDB)', () => {
  const database = `intake_races_test_${uuidv7().slice(-12)}`;
  let connection: Connection;
  let repository: ProtectedCaseRepository;
  let serial = 0;

  async function seed(): Promise<string> {
    const caseId = `case_race${database.slice(-8)}${(serial += 1)}`;
    await connection.collection<Record<string, unknown> & { _id: string }>('cases').insertOne({
      _id: caseId,
      ownerOrgId: OWNER.orgId,
      version: 1,
      sections: {},
      grants: [],
      consents: [],
      grantsRevision: 1,
      outbox: [],
    });
    return caseId;
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

  it('refuses a withdrawal planned before a new section with the grantee’s envelope was written', async () => {
    const caseId = await seed();
    const withdrawalRead = await repository.load(OWNER, caseId, { sections: 'metadata' });
    const writeRead = await repository.load(OWNER, caseId, { sections: 'health' });
    const guard = { grantsRevision: writeRead?.grantsRevision ?? -1 };

    expect(await repository.putSection(OWNER, caseId, 'health', undefined, guard, health(['org_a', 'org_b']))).toBe(
      true,
    );
    const planned = withdrawalPlannedAt(withdrawalRead?.grantsRevision ?? -1);
    expect(await repository.changeGrants(OWNER, caseId, planned)).toBe(false);

    // Re-read, the withdrawal sees the section and can take B's envelope with it.
    const reread = await repository.load(OWNER, caseId, { sections: 'metadata' });
    expect(reread?.sections.health?.envelopes.map((envelope) => envelope.recipientOrgId)).toEqual(['org_a', 'org_b']);
    const replanned = {
      ...withdrawalPlannedAt(reread?.grantsRevision ?? -1),
      envelopeRemovals: new Map([['health' as const, ['org_b']]]),
    };
    expect(await repository.changeGrants(OWNER, caseId, replanned)).toBe(true);
  });

  it('refuses a withdrawal planned before envelopes for a grantee were added', async () => {
    const caseId = await seed();
    const first = await repository.load(OWNER, caseId, { sections: 'health' });
    await repository.putSection(
      OWNER,
      caseId,
      'health',
      undefined,
      { grantsRevision: first?.grantsRevision ?? -1 },
      health(['org_a']),
    );
    const read = await repository.load(OWNER, caseId, { sections: 'metadata' });
    const revision = read?.grantsRevision ?? -1;

    const added = [envelopeFor('org_a'), envelopeFor('org_b')];
    const previous = read?.sections.health?.envelopes ?? [];
    expect(
      await repository.setEnvelopes(OWNER, caseId, 'health', 1, { grantsRevision: revision }, previous, added),
    ).toBe(true);
    expect(await repository.changeGrants(OWNER, caseId, withdrawalPlannedAt(revision))).toBe(false);
  });

  it('refuses a section write planned before a withdrawal committed', async () => {
    const caseId = await seed();
    const writeRead = await repository.load(OWNER, caseId, { sections: 'health' });
    const guard = { grantsRevision: writeRead?.grantsRevision ?? -1 };
    expect(await repository.changeGrants(OWNER, caseId, withdrawalPlannedAt(guard.grantsRevision))).toBe(true);
    expect(await repository.putSection(OWNER, caseId, 'health', undefined, guard, health(['org_a', 'org_b']))).toBe(
      false,
    );
  });
});
