import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Connection } from 'mongoose';
import { type OrgPublicKeyRecord } from '@app/crypto';
import { MONGO_CONNECTION } from '@app/persistence';
import { DirectoryLogRepository } from './directory-log.repository';

/** How versions before the key directory log were stored: one `org_keys` document per organization. */
interface LegacyOrgKeys {
  _id: string;
  versions: {
    keyVersion: number;
    record: OrgPublicKeyRecord;
    registeredAt: Date;
    registeredBySub: string;
    rotationSignature?: string;
  }[];
}

export const LEGACY_ORG_KEYS_COLLECTION = 'org_keys';

/**
 * Moves keys registered before the key directory log (`org_keys`) into it at
 * start-up, each organization's versions in order, then removes the old
 * document so only one copy of the directory exists. Idempotent: a version
 * already in the log is skipped, so a crash half-way is finished next start.
 * Clients meeting these organizations verify their history like any other.
 */
@Injectable()
export class LegacyOrgKeysMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyOrgKeysMigration.name);

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly log: DirectoryLogRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const legacy = this.connection.collection<LegacyOrgKeys>(LEGACY_ORG_KEYS_COLLECTION);
    const organizations = await legacy.find({}).sort({ _id: 1 }).toArray();
    for (const organization of organizations) {
      const versions = [...organization.versions].sort((a, b) => a.keyVersion - b.keyVersion);
      const logged = new Set((await this.log.history(organization._id)).map((entry) => entry.keyVersion));
      for (const [index, version] of versions.entries()) {
        if (logged.has(version.keyVersion)) continue;
        const previous = versions[index - 1];
        await this.log.append({
          orgId: organization._id,
          keyVersion: version.keyVersion,
          record: version.record,
          ...(previous && version.rotationSignature
            ? { rotation: { signedByKeyId: previous.record.signingKeyId, signature: version.rotationSignature } }
            : {}),
          registeredAt: new Date(version.registeredAt).toISOString(),
          registeredBySub: version.registeredBySub,
        });
      }
      await legacy.deleteOne({ _id: organization._id });
    }
    if (organizations.length > 0)
      this.logger.log({ msg: 'moved registered keys into the key directory log', organizations: organizations.length });
  }
}
