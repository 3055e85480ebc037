import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type AccessLogHead, type OwnerAccessLogEntry, v2BodyOf } from '@app/crypto';
import { MONGO_CONNECTION } from '@app/persistence';
import { type AccessLogEntryDocument, accessLogEntrySchema } from './access-log-entry.schema';
import { type AccessLogHeadDocument, accessLogHeadSchema } from './access-log-head.schema';
import { type AccessLogScope } from '../../cases/domain/case-scope';
import { type CaseDocument } from '../../cases/persistence/case.schema';
import { caseModel } from '../../cases/persistence/case.model';
import { scopeFilter } from '../../cases/persistence/case-scope.filter';

const DUPLICATE_KEY = 11000;

/**
 * The `access_log` entries and the `access_log_heads` of each case. Writes
 * are single-document and conditional; nothing here updates or deletes an
 * entry, and no method removes a case's log (it outlives the case's erasure:
 * it holds who saw what, no case content).
 *
 * Whether a log may be read takes a scope, applied to the case it belongs
 * to (live or erased): its owner, or the client through a receipt code.
 * Appends need none: they follow a hand-out that passed the reader's scope.
 * Entries come back in the owner's view; the service narrows them for others.
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

  /** True when the case, erased or not, is in the scope. */
  async inScope(scope: AccessLogScope, caseId: string): Promise<boolean> {
    return (await this.cases.exists({ _id: caseId, ...scopeFilter(scope) }).exec()) !== null;
  }

  async head(caseId: string): Promise<AccessLogHead | undefined> {
    const found = await this.heads.findById(caseId).lean<AccessLogHeadDocument>().exec();
    return found ? { seq: found.seq, hash: found.hash } : undefined;
  }

  async entryAt(caseId: string, seq: number): Promise<OwnerAccessLogEntry | undefined> {
    const found = await this.entries.findOne({ caseId, seq }).lean<AccessLogEntryDocument>().exec();
    return found ? toEntry(found) : undefined;
  }

  /** Up to `limit` entries with after < seq <= upTo, in seq order: one page, read by the (caseId, seq) index. */
  async entriesAfter(caseId: string, after: number, upTo: number, limit: number): Promise<OwnerAccessLogEntry[]> {
    const found = await this.entries
      .find({ caseId, seq: { $gt: after, $lte: upTo } })
      .sort({ seq: 1 })
      .limit(limit)
      .lean<AccessLogEntryDocument[]>()
      .exec();
    return found.map(toEntry);
  }

  /** The entry an identical hand-out of the same window appended, if one did. */
  async byDedupeKey(caseId: string, dedupeKey: string): Promise<OwnerAccessLogEntry | undefined> {
    const found = await this.entries.findOne({ caseId, dedupeKey }).lean<AccessLogEntryDocument>().exec();
    return found ? toEntry(found) : undefined;
  }

  /**
   * False when the case already has an entry at this seq (another append
   * took it first) or one with this dedupe key (an identical hand-out
   * appended first): the caller looks again.
   */
  async insert(caseId: string, entry: OwnerAccessLogEntry, dedupeKey?: string): Promise<boolean> {
    // The unique indexes are what keep the chain linear and deduplicated; never write before they exist.
    await this.entries.init();
    try {
      await this.entries.create({ caseId, ...entry, ...(dedupeKey === undefined ? {} : { dedupeKey }) });
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

// Field by field: what the SDK verifies must not carry the document's _id,
// caseId or dedupe key, and a format 1 entry nothing of format 2.
function toEntry(found: AccessLogEntryDocument): OwnerAccessLogEntry {
  const { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash, hash } = found;
  if (found.v !== 2) return { seq, at, actorSub, actorOrg, purpose, section, keyVersion, prevHash, hash };
  const { actorRole = '', actorSubDigest = '', actorSalt = '' } = found;
  // Missing format 2 fields come back empty, so the entry fails verification instead of passing unnoticed.
  return { ...v2BodyOf({ ...found, v: 2, actorRole, actorSubDigest }), hash, actorSub, actorSalt };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === DUPLICATE_KEY;
}
