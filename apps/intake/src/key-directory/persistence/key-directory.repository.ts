import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type OrgPublicKeyRecord } from '@app/crypto';
import { MONGO_CONNECTION } from '@app/persistence';
import { type OrgKeysDocument, type RegisteredKeyVersion, orgKeysSchema } from './org-keys.schema';

const DUPLICATE_KEY = 11000;

/** Public keys only; private keys never leave the organizations' devices. */
@Injectable()
export class KeyDirectoryRepository {
  private readonly model: Model<OrgKeysDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.model<OrgKeysDocument>('OrgKeys', orgKeysSchema);
  }

  async find(orgId: string): Promise<OrgKeysDocument | undefined> {
    return (await this.model.findById(orgId).lean<OrgKeysDocument>().exec()) ?? undefined;
  }

  /** Every organization's current record, for checking many recipients in one read. */
  async currentRecords(orgIds: readonly string[]): Promise<Map<string, OrgPublicKeyRecord>> {
    const found = await this.model
      .find({ _id: { $in: [...new Set(orgIds)] } })
      .lean<OrgKeysDocument[]>()
      .exec();
    return new Map(found.map((keys) => [keys._id, currentOf(keys).record]));
  }

  /** False if the organization already registered keys. */
  async registerFirst(version: RegisteredKeyVersion & { record: OrgPublicKeyRecord }): Promise<boolean> {
    try {
      await this.model.create({ _id: version.record.orgId, currentVersion: version.keyVersion, versions: [version] });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Appends the next version only if `previousVersion` is still current (two racing rotations cannot both win). */
  async rotate(orgId: string, previousVersion: number, next: RegisteredKeyVersion): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { _id: orgId, currentVersion: previousVersion },
        { $set: { currentVersion: next.keyVersion }, $push: { versions: next } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}

export function currentOf(keys: OrgKeysDocument): RegisteredKeyVersion {
  const current = keys.versions.find((version) => version.keyVersion === keys.currentVersion);
  if (!current) throw new Error('key directory document without its current version');
  return current;
}
