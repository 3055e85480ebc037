import { ConsentExpiredV1, ConsentRevokedV1 } from '@app/contracts';
import { type Grant, type StoredSection } from '../../cases/domain/protected-content';
import { NOW, grantOf } from '../../../test/grant-factory';
import { type ProtectedCase } from '../../cases/persistence/protected-case.repository';
import { planGrantsChange } from './end-grants';

const origin = { producer: 'intake', correlationId: 'corr-12345678', causationId: null };
const grant = grantOf;
const now = NOW;
const section = (keyVersion: number): StoredSection => ({
  record: {} as StoredSection['record'],
  contentVersion: 3,
  keyVersion,
  envelopes: [],
  retiredKeyVersions: [],
  rotationRequired: false,
  updatedAt: now,
});
const caseWith = (grants: Grant[]): ProtectedCase => ({
  _id: 'case_0123456789ab',
  ownerOrgId: 'org_a',
  version: 4,
  grantsRevision: 7,
  grants,
  consents: [],
  sections: { legal: section(2), identity: section(1) },
});

describe('planGrantsChange', () => {
  // consent.revoked is queued after the last sequence.
  it('withdrawal: removes the envelopes, retires the current key versions, queues consent.revoked', () => {
    const before = grant({});
    const current = caseWith([before]);
    const change = planGrantsChange(
      current,
      [{ ...before, withdrawnAt: now }],
      [{ before, reason: 'withdrawn' }],
      now,
      origin,
    );
    expect(change.envelopeRemovals).toEqual(
      new Map([
        ['legal', ['org_b']],
        ['identity', ['org_b']],
      ]),
    );
    expect(change.retirements).toEqual(
      new Map([
        ['legal', 2],
        ['identity', 1],
      ]),
    );
    expect([change.expectedVersion, change.expectedGrantsRevision]).toEqual([4, 7]);
    expect(change.events).toHaveLength(1);
    const event = JSON.parse(change.events[0]!.value) as {
      type: string;
      sequence: number;
      data: { retiredKeyVersions: unknown[]; sections: string[] };
    };
    expect(change.events[0]!.topic).toBe(ConsentRevokedV1.topic);
    expect(event.sequence).toBe(5);
    expect(event.data.sections).toEqual(['legal', 'identity']);
    expect(event.data.retiredKeyVersions).toEqual([
      { section: 'legal', keyVersion: 2 },
      { section: 'identity', keyVersion: 1 },
    ]);
  });

  it('keeps what another active grant still covers', () => {
    const ending = grant({});
    const other = grant({ consentId: 'consent_2', sections: ['legal'] });
    const change = planGrantsChange(
      caseWith([ending, other]),
      [{ ...ending, withdrawnAt: now }, other],
      [{ before: ending, reason: 'withdrawn' }],
      now,
      origin,
    );
    expect([...change.envelopeRemovals.keys()]).toEqual(['identity']);
    expect((JSON.parse(change.events[0]!.value) as { data: { sections: string[] } }).data.sections).toEqual([
      'identity',
    ]);
  });

  it('expiry: sections of a grant past validUntil go, announced as consent.expired', () => {
    const ended = grant({ validUntil: new Date('2026-11-22T00:00:00Z'), sections: ['legal'] });
    const change = planGrantsChange(
      caseWith([ended]),
      [{ ...ended, expiredAt: now }],
      [{ before: ended, reason: 'expired' }],
      now,
      origin,
    );
    expect(change.envelopeRemovals).toEqual(new Map([['legal', ['org_b']]]));
    expect(change.events[0]!.topic).toBe(ConsentExpiredV1.topic);
  });

  it('a section never written has nothing to remove or retire', () => {
    const ending = grant({ sections: ['health'] });
    const change = planGrantsChange(
      caseWith([ending]),
      [{ ...ending, withdrawnAt: now }],
      [{ before: ending, reason: 'withdrawn' }],
      now,
      origin,
    );
    expect(change.envelopeRemovals.size + change.retirements.size).toBe(0);
    expect((JSON.parse(change.events[0]!.value) as { data: unknown }).data).toMatchObject({
      sections: ['health'],
      retiredKeyVersions: [],
    });
  });

  // The grant is past validUntil but the sweep has not reached it.
  it('withdrawal of a lapsed, unswept grant: its envelopes still go and its keys retire', () => {
    const lapsed = grant({ validUntil: new Date('2026-11-22T00:00:00Z') });
    const change = planGrantsChange(
      caseWith([lapsed]),
      [{ ...lapsed, withdrawnAt: now }],
      [{ before: lapsed, reason: 'withdrawn' }],
      now,
      origin,
    );
    expect(change.envelopeRemovals).toEqual(
      new Map([
        ['legal', ['org_b']],
        ['identity', ['org_b']],
      ]),
    );
    expect(change.retirements).toEqual(
      new Map([
        ['legal', 2],
        ['identity', 1],
      ]),
    );
    expect(change.events.map((event) => event.topic)).toEqual([ConsentRevokedV1.topic]);
  });

  it('a grant that never started had no envelopes: ending it removes, retires and announces nothing', () => {
    const future = grant({ validFrom: new Date('2026-11-30T00:00:00Z') });
    const change = planGrantsChange(
      caseWith([future]),
      [{ ...future, withdrawnAt: now }],
      [{ before: future, reason: 'withdrawn' }],
      now,
      origin,
    );
    expect(change.envelopeRemovals.size + change.retirements.size + change.events.length).toBe(0);
  });
});
