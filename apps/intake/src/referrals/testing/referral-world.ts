import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { type CaseSection, CaseOpenedV2, newCaseId, uuidv7 } from '@app/contracts';
import {
  type KeyEnvelope,
  type OrgKeys,
  type OrgPublicKeyRecord,
  type SectionRecord,
  generateOrgKeys,
  initCrypto,
  recipientKeyOf,
  sealDataKey,
  toPublicKeyRecord,
} from '@app/crypto';
import { DomainError } from '@app/errors';
import { buildEvent, type OutboxNotifier } from '@app/messaging';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { type KeyDirectory } from '../../key-directory/key-directory.service';
import { CaseRepository } from '../../cases/persistence/case.repository';
import { caseModel } from '../../cases/persistence/case.model';
import { type Grant, type StoredSection } from '../../cases/domain/protected-content';
import { ProviderDirectoryRepository } from '../../provider-directory/persistence/provider-directory.repository';
import { ReferralRepository } from '../persistence/referral.repository';
import { CaseDisclosureRepository } from '../persistence/case-disclosure.repository';
import { ReferralTransitions } from '../application/referral-transitions.service';
import { ReferralCoverage } from '../application/referral-coverage.service';
import { CreateReferral } from '../application/create-referral.use-case';
import { AnswerReferral } from '../application/answer-referral.use-case';
import { ReferralSweeper } from '../application/referral-sweeper';
import { type ReferralRequest } from '../application/referral-input';

const DAY = 86_400_000;
const SHARED: CaseSection[] = ['identity', 'legal'];
const quiet: OutboxNotifier = { notify: () => undefined };
const newReferralId = (): string => `ref_${randomBytes(16).toString('base64url')}`;

export const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

/** One intake replica's referral objects, on its own connection. */
export function replica(connection: Connection, keys: KeyDirectory) {
  const referrals = new ReferralRepository(connection);
  const providers = new ProviderDirectoryRepository(connection);
  const disclosures = new CaseDisclosureRepository(connection);
  const transitions = new ReferralTransitions(referrals, providers, disclosures, quiet);
  const coverage = new ReferralCoverage(disclosures, transitions);
  return {
    referrals,
    providers,
    coverage,
    create: new CreateReferral(referrals, new CaseRepository(connection), disclosures, providers, keys, quiet),
    answer: new AnswerReferral(referrals, transitions, providers, coverage),
    sweeper: new ReferralSweeper(referrals, transitions, coverage, providers, quiet),
  };
}

/**
 * A sender, a partner listed with capacity 5 and an outsider; two intake
 * replicas on their own connections to one real database; and the fixtures
 * the referral specs build on: cases with content in `identity` and `legal`
 * and a consent granting both to the partner for legal representation.
 */
export function referralWorld(name: string) {
  const database = `intake_test_${name}_${uuidv7().slice(-12)}`;
  const run = uuidv7().slice(-8);
  const sender = `org_sender_${run}`;
  const partner = `org_partner_${run}`;
  const outsider = `org_outsider_${run}`;
  let connections: Connection[];
  const replicas: { one: ReturnType<typeof replica>; two: ReturnType<typeof replica> } = {} as never;
  let partnerKeys: OrgKeys;
  let outsiderKeys: OrgKeys;
  let records: Map<string, OrgPublicKeyRecord>;

  const keys = {
    currentRecords: (orgIds: readonly string[]) =>
      Promise.resolve(new Map(orgIds.flatMap((id) => (records.has(id) ? [[id, records.get(id)!] as const] : [])))),
  } as unknown as KeyDirectory;

  function grant(overrides: Partial<Grant> = {}): Grant {
    return {
      consentId: 'consent_referrals',
      consentVersion: 1,
      granteeOrgId: partner,
      action: 'disclose',
      sections: SHARED,
      purposes: ['legal_representation'],
      validFrom: new Date(Date.now() - DAY),
      validUntil: new Date(Date.now() + 30 * DAY),
      onwardSharing: false,
      ...overrides,
    };
  }

  /** A case of the sender with content in the shared sections and a consent granting them to the partner. */
  async function caseWithConsent(grants: Grant[] = [grant()]): Promise<string> {
    const caseId = newCaseId();
    const now = new Date();
    const origin = { producer: 'intake', correlationId: 'corr-referrals', causationId: null };
    await new CaseRepository(connections[0]!).insert(
      {
        caseId,
        ownerOrgId: sender,
        routing: {
          country: 'MX',
          regionCode: 'MX-CHP',
          needCategories: ['legal'],
          urgency: 'urgent',
          languages: ['es'],
        },
        status: 'open',
        version: 1,
        openedAt: now,
        updatedAt: now,
      },
      buildEvent(CaseOpenedV2, caseId, 1, { caseId, ownerOrgId: sender }, origin),
    );
    const section = (): StoredSection => ({
      record: {} as SectionRecord,
      contentVersion: 1,
      keyVersion: 1,
      envelopes: [],
      retiredKeyVersions: [],
      rotationRequired: false,
      updatedAt: now,
    });
    await caseModel(connections[0]!)
      .updateOne({ _id: caseId }, { $set: { grants, 'sections.identity': section(), 'sections.legal': section() } })
      .exec();
    return caseId;
  }

  const envelopeFor = (caseId: string, section: CaseSection, recipient: OrgKeys = partnerKeys): KeyEnvelope =>
    sealDataKey({
      caseId,
      section,
      keyVersion: 1,
      dataKey: new Uint8Array(randomBytes(32)),
      recipient: { ...recipientKeyOf(recipient), consentId: 'consent_referrals' },
    });

  const request = (caseId: string, overrides: Partial<ReferralRequest> = {}): ReferralRequest => ({
    referralId: newReferralId(),
    partnerOrgId: partner,
    purpose: 'legal_representation',
    sections: SHARED,
    needCategory: 'legal',
    envelopes: SHARED.map((section) => envelopeFor(caseId, section)),
    ...overrides,
  });

  async function outboxTopics(referralId: string): Promise<string[]> {
    const found = await connections[0]!.collection('referrals').findOne({ _id: referralId as never });
    return ((found?.outbox ?? []) as { topic: string }[]).map((entry) => entry.topic);
  }

  async function setUp(): Promise<void> {
    await initCrypto();
    connections = await Promise.all([1, 2].map(() => mongoose.createConnection(mongoUri(database)).asPromise()));
    partnerKeys = await generateOrgKeys(partner);
    outsiderKeys = await generateOrgKeys(outsider);
    records = new Map([
      [partner, toPublicKeyRecord(partnerKeys)],
      [outsider, toPublicKeyRecord(outsiderKeys)],
      [sender, toPublicKeyRecord(await generateOrgKeys(sender))],
    ]);
    replicas.one = replica(connections[0]!, keys);
    replicas.two = replica(connections[1]!, keys);
    const profile = {
      displayName: 'Partner',
      services: ['legal_representation_us'] as const,
      practiceScopes: ['affirmative_asylum'] as const,
      languages: ['es'],
      regionsServed: [] as const,
      nationwide: ['US'] as const,
      acceptingReferrals: true,
      referralCapacity: 5,
    };
    await replicas.one.providers.insert(
      partner,
      {
        ...profile,
        services: [...profile.services],
        practiceScopes: [...profile.practiceScopes],
        regionsServed: [],
        nationwide: ['US'],
      },
      new Date(),
    );
  }

  async function tearDown(): Promise<void> {
    assertTestDatabase(database);
    await connections?.[0]?.dropDatabase();
    await Promise.all((connections ?? []).map((connection) => connection.close()));
  }

  return {
    run,
    sender,
    partner,
    outsider,
    replicas,
    keys,
    get connection(): Connection {
      return connections[0]!;
    },
    get partnerKeys(): OrgKeys {
      return partnerKeys;
    },
    get outsiderKeys(): OrgKeys {
      return outsiderKeys;
    },
    records: () => records,
    grant,
    caseWithConsent,
    envelopeFor,
    request,
    outboxTopics,
    setUp,
    tearDown,
  };
}
