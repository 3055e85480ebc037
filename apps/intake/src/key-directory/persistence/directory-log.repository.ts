import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import {
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogEntry,
  type DirectoryLogEntryBody,
  type DirectoryLogPosition,
  type OrgPublicKeyRecord,
  directoryLogEntryHash,
  initCrypto,
} from '@app/crypto';
import { MONGO_CONNECTION } from '@app/persistence';
import { type DirectoryLogDocument, directoryLogSchema } from './directory-log.schema';

const DUPLICATE_KEY = 11000;
// Each lost race means another registration was appended; key changes are
// rare, so running out of attempts means something is wrong, not busy.
const MAX_APPEND_ATTEMPTS = 20;

export type DirectoryLogAppend = Omit<DirectoryLogEntryBody, 'index'> & { registeredBySub: string };

/**
 * The key directory: an append-only, hash-chained log of every key version
 * organizations registered (`key_directory_log`). It is the only copy: an
 * organization's keys are its entries, so what intake serves and what the
 * log shows cannot drift apart. Nothing here updates or deletes an entry.
 */
@Injectable()
export class DirectoryLogRepository {
  private readonly model: Model<DirectoryLogDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      (connection.models.DirectoryLogEntry as Model<DirectoryLogDocument> | undefined) ??
      connection.model<DirectoryLogDocument>('DirectoryLogEntry', directoryLogSchema);
  }

  /**
   * Appends at the end of the log. Undefined when the organization already
   * has this key version (a racing registration or rotation took it).
   */
  async append(entry: DirectoryLogAppend): Promise<DirectoryLogEntry | undefined> {
    await initCrypto();
    // The unique indexes are what keep the log linear; never write before they exist.
    await this.model.init();
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const tip = await this.position();
      const { registeredBySub, ...fields } = entry;
      const body: DirectoryLogEntryBody = { ...fields, index: tip.size + 1 };
      const hash = directoryLogEntryHash(tip.hash, body);
      try {
        const { index, ...stored } = body;
        await this.model.create({ _id: index, ...stored, registeredBySub, hash });
        return { ...body, hash };
      } catch (error) {
        if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
        if (await this.model.exists({ orgId: entry.orgId, keyVersion: entry.keyVersion }).exec()) return undefined;
      }
    }
    throw new Error('key directory log: could not append after repeated races');
  }

  /** The log's size and last hash (the genesis hash while it is empty). */
  async position(): Promise<DirectoryLogPosition> {
    const last = await this.model
      .findOne({}, { hash: 1 })
      .sort({ _id: -1 })
      .lean<{ _id: number; hash: string }>()
      .exec();
    return last ? { size: last._id, hash: last.hash } : { size: 0, hash: DIRECTORY_LOG_GENESIS };
  }

  /** Entries after `after`, in order, at most `limit`. */
  async entries(after: number, limit: number): Promise<DirectoryLogEntry[]> {
    const found = await this.model
      .find({ _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<DirectoryLogDocument[]>()
      .exec();
    return found.map(toEntry);
  }

  /** Every key version of an organization, oldest first. */
  async history(orgId: string): Promise<DirectoryLogEntry[]> {
    const found = await this.model.find({ orgId }).sort({ keyVersion: 1 }).lean<DirectoryLogDocument[]>().exec();
    return found.map(toEntry);
  }

  async current(orgId: string): Promise<DirectoryLogEntry | undefined> {
    const found = await this.model.findOne({ orgId }).sort({ keyVersion: -1 }).lean<DirectoryLogDocument>().exec();
    return found ? toEntry(found) : undefined;
  }

  /** Every organization's current record, for checking many recipients in one read. */
  async currentRecords(orgIds: readonly string[]): Promise<Map<string, OrgPublicKeyRecord>> {
    const found = await this.model
      .find({ orgId: { $in: [...new Set(orgIds)] } }, { orgId: 1, keyVersion: 1, record: 1 })
      .lean<Pick<DirectoryLogDocument, 'orgId' | 'keyVersion' | 'record'>[]>()
      .exec();
    const current = new Map<string, OrgPublicKeyRecord>();
    for (const { orgId, keyVersion, record } of found) {
      if ((current.get(orgId)?.keyVersion ?? 0) < keyVersion) current.set(orgId, record);
    }
    return current;
  }
}

// Field by field: what clients hash must not carry the document's _id or who registered it.
function toEntry(found: DirectoryLogDocument): DirectoryLogEntry {
  const { _id, orgId, keyVersion, record, rotation, registeredAt, hash } = found;
  return { index: _id, orgId, keyVersion, record, ...(rotation ? { rotation } : {}), registeredAt, hash };
}
