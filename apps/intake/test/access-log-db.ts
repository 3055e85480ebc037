// The access log's providers on a real MongoDB database of their own, for
// its integration specs: cases to hang logs on, pages as the owner and the
// receipt holder read them, and a clock the dedupe window follows.
import { type DynamicModule, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import mongoose, { type Collection, type Connection } from 'mongoose';
import { type OwnerAccessLogEntry, type ReceiptAccessLogEntry } from '@app/crypto';
import { uuidv7 } from '@app/contracts';
import { MONGO_CONNECTION, assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { AccessLog, type AccessLogAppend } from '../src/access-log/application/access-log.service';
import { AccessLogReader } from '../src/access-log/application/access-log-reader';
import { ACCESS_LOG_SETTINGS, type AccessLogSettings } from '../src/access-log/application/access-log-settings';
import { AccessLogTip } from '../src/access-log/application/access-log-tip';
import { type AccessLogPage, type AccessLogPageRequest } from '../src/access-log/domain/access-log-page';
import { AccessLogRepository } from '../src/access-log/persistence/access-log.repository';
import { ownerScope, receiptHolderScope } from '../src/cases/domain/case-scope';

export const HOUR = 3_600_000;
export const OWNER = ownerScope('org_owner');
export const FIRST_PAGE: AccessLogPageRequest = { after: 0, limit: 100 };

/** Stands in for PlatformModule: the one global provider the access log's store needs. */
@Module({})
class TestDatabaseModule {
  static with(connection: Connection): DynamicModule {
    return {
      module: TestDatabaseModule,
      global: true,
      providers: [{ provide: MONGO_CONNECTION, useValue: connection }],
      exports: [MONGO_CONNECTION],
    };
  }
}

let handOuts = 0;
/** A hand-out by a new staff member each time, so none repeats another. */
export function newHandOut(caseId: string, extra: Partial<AccessLogAppend> = {}): AccessLogAppend {
  handOuts += 1;
  return {
    caseId,
    actorSub: `CANARY-worker-${handOuts}@example.org`,
    actorOrg: 'org_legal',
    actorRole: 'legal_staff',
    purpose: 'legal_representation',
    section: 'legal',
    keyVersion: 1,
    ...extra,
  };
}

/** What the client receives: JSON, not the objects intake built. */
export const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export class AccessLogTestDb {
  private constructor(
    readonly database: string,
    readonly connection: Connection,
    private readonly moduleRef: TestingModule,
    private readonly time: { now: Date },
  ) {}

  /** The dedupe window and the entries' `at` follow it; a spec sets it where its test needs to be. */
  get clock(): Date {
    return this.time.now;
  }

  set clock(now: Date) {
    this.time.now = now;
  }

  /** `name` says which spec; a random suffix keeps runs apart, and the name says "test" so close() may drop it. */
  static async open(name: string): Promise<AccessLogTestDb> {
    const database = `access_log_${name}_test_${uuidv7().slice(-12)}`;
    const connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    const time = { now: new Date('2026-03-01T10:15:00.000Z') };
    const settings: AccessLogSettings = { dedupeWindowMs: HOUR, now: () => time.now };
    const moduleRef = await Test.createTestingModule({
      // The log's own providers, without the owner's HTTP read (which needs the cases feature).
      imports: [TestDatabaseModule.with(connection)],
      providers: [
        AccessLogRepository,
        AccessLogTip,
        AccessLog,
        AccessLogReader,
        { provide: ACCESS_LOG_SETTINGS, useValue: settings },
      ],
    }).compile();
    await moduleRef.init();
    return new AccessLogTestDb(database, connection, moduleRef, time);
  }

  async close(): Promise<void> {
    await this.moduleRef.close();
    assertTestDatabase(this.database);
    await this.connection.dropDatabase();
    await this.connection.close();
  }

  get accessLog(): AccessLog {
    return this.moduleRef.get(AccessLog);
  }

  get reader(): AccessLogReader {
    return this.moduleRef.get(AccessLogReader);
  }

  get repository(): AccessLogRepository {
    return this.moduleRef.get(AccessLogRepository);
  }

  get entries(): Collection {
    return this.connection.collection('access_log');
  }

  get heads(): Collection {
    return this.connection.collection('access_log_heads');
  }

  /** A case for the log to belong to: the owner's, with one consent's receipt code hash. */
  async caseOf(caseId: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.connection
      .collection('cases')
      .updateOne(
        { _id: caseId as never },
        { $setOnInsert: { ownerOrgId: OWNER.orgId, consents: [{ receiptCodeHash: `hash-${caseId}` }], ...extra } },
        { upsert: true },
      );
  }

  /** The owner's page of a case (made the owner's first, if it is not there). */
  async ownersPage(caseId: string, request = FIRST_PAGE): Promise<AccessLogPage<OwnerAccessLogEntry>> {
    await this.caseOf(caseId);
    const page = await this.reader.ownersPage(OWNER, caseId, request);
    if (!page) throw new Error(`the log of ${caseId} is out of the owner's scope`);
    return page;
  }

  /** The page the holder of the case's receipt code reads. */
  async holdersPage(caseId: string, request = FIRST_PAGE): Promise<AccessLogPage<ReceiptAccessLogEntry>> {
    const page = await this.reader.receiptHoldersPage(receiptHolderScope(`hash-${caseId}`), caseId, request);
    if (!page) throw new Error(`the log of ${caseId} is out of the receipt holder's scope`);
    return page;
  }
}
