import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type AccessLogEntry, type AccessLogHead } from '@app/crypto';
import { MONGO_CONNECTION } from '@app/persistence';
import { type AccessLogEntryDocument, accessLogEntrySchema } from './access-log-entry.schema';
import { type AccessLogHeadDocument, accessLogHeadSchema } from './access-log-head.schema';
import { type AccessLogScope } from '../../cases/domain/case-scope';
import { type CaseDocument } from '../../cases/persistence/case.schema';
import { caseModel } from '../../cases/persistence/case.model';
import { scopeFilter } from '../../cases/persistence/case-scope.filter';

/** A case's log as stored, read head first. */
export interface StoredAccessLog {
  head: AccessLogHead | undefined;
  entries: AccessLogEntry[];
}

const DUPLICATE_KEY = 11000;

/**
 * The `access_log` entries and the `access_log_heads` of each case. Writes
 * are single-document and conditional; nothing here updates or deletes an
 * entry, and no method removes a case's log (it outlives the case's erasure:
 * it holds who saw what, no case content).
 *
 * Reading a log takes a scope, applied to the case it belongs to (live or
 * erased): its owner, or the client through a receipt code. Appends need
 * none: they follow a hand-out that passed the reader's scope.
 */
@Injectable()
export class AccessLogRepository {
  private readonly entries: Model<AccessLogEntryDocument>;
  private readonly heads: Model<AccessLogHeadDocument>;
  private readonly cases: Model<CaseDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.entries = registered(connection, 'AccessLogEntry', accessLogEntrySchema);
    this.heads = registered(connection, 'AccessLogHead', accessLogHeadSchema);
    this.cases = caseModel(connection);
  }

  /** The log of a case in the scope, erased or not; undefined when the case is not in it. */
  async read(scope: AccessLogScope, caseId: string): Promise<StoredAccessLog | undefined> {
    const inScope = await this.cases.exists({ _id: caseId, ...scopeFilter(scope) }).exec();
    if (!inScope) return undefined;
    // Head first: entries read afterwards include the head's entry even if
    // appends land in between, so a growing log never looks truncated.
    const head = await this.head(caseId);
    return { head, entries: await this.chain(caseId) };
  }

  async head(caseId: string): Promise<AccessLogHead | undefined> {
    const found = await this.heads.findById(caseId).lean<AccessLogHeadDocument>().exec();
    return found ? { seq: found.seq, hash: found.hash } : undefined;
  }

  async entryAt(caseId: string, seq: number): Promise<AccessLogEntry | undefined> {
    const found = await this.entries.findOne({ caseId, seq }).lean<AccessLogEntryDocument>().exec();
    return found ? toEntry(found) : undefined;
  }

  private async chain(caseId: string): Promise<AccessLogEntry[]> {
    const found = await this.entries.find({ caseId }).sort({ seq: 1 }).lean<AccessLogEntryDocument[]>().exec();
    return found.map(toEntry);
  }

  /** False when the case already has an entry at this seq: another append took it first. */
  async insert(caseId: string, entry: AccessLogEntry): Promise<boolean> {
    // The unique index is what keeps the chain linear; never write before it exists.
    await this.entries.init();
    try {
      await this.entries.create({ caseId, ...entry });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Moves the head from `from` (undefined: the case has none yet) to `to`, the
   * entry after it. Conditional on the head still being `from`, so it never
   * moves backwards, and never onto an entry that does not extend it.
   */
  async advanceHead(caseId: string, from: AccessLogHead | undefined, to: AccessLogHead): Promise<void> {
    if (from !== undefined) {
      await this.heads
        .updateOne({ _id: caseId, seq: from.seq, hash: from.hash }, { $set: { seq: to.seq, hash: to.hash } })
        .exec();
      return;
    }
    try {
      await this.heads
        .updateOne({ _id: caseId }, { $setOnInsert: { seq: to.seq, hash: to.hash } }, { upsert: true })
        .exec();
    } catch (error) {
      // Two upserts raced and the other created the head: it is at least as far.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function registered<T>(connection: Connection, name: string, schema: Model<T>['schema']): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

// Field by field: what the SDK verifies must not carry the document's _id or caseId.
function toEntry(found: AccessLogEntryDocument): AccessLogEntry {
  const { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash, hash } = found;
  return { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash, hash };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === DUPLICATE_KEY;
}
