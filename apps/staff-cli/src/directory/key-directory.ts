import {
  KeyMismatchError,
  type OrgPublicKeyRecord,
  type SigningKey,
  parsePublicKeyRecord,
  signingKeyOf,
} from '@app/crypto';
import { currentKeys, keysAtVersion } from '../api/keys-api';
import { type IntakeClient } from '../http/intake-client';

/** Older key versions searched for a signing key id; an organization rotates a few times a year. */
const MAX_VERSIONS_SEARCHED = 64;

/**
 * The key directory as the CLI reads it: every record is validated by the
 * SDK (each key id is its key's hash) and must be for the organization
 * asked about. Records are cached per run.
 */
export class KeyDirectory {
  private readonly current = new Map<string, Promise<OrgPublicKeyRecord>>();
  private readonly versions = new Map<string, Promise<OrgPublicKeyRecord>>();

  constructor(private readonly api: IntakeClient) {}

  currentRecord(orgId: string): Promise<OrgPublicKeyRecord> {
    let found = this.current.get(orgId);
    if (!found) {
      found = currentKeys(this.api, orgId).then(({ record }) => checked(record, orgId));
      this.current.set(orgId, found);
    }
    return found;
  }

  recordAt(orgId: string, keyVersion: number): Promise<OrgPublicKeyRecord> {
    const key = `${keyVersion} ${orgId}`;
    let found = this.versions.get(key);
    if (!found) {
      found = keysAtVersion(this.api, orgId, keyVersion).then((record) => {
        const parsed = checked(record, orgId);
        if (parsed.keyVersion !== keyVersion)
          throw new KeyMismatchError('key directory: answered with another key version');
        return parsed;
      });
      this.versions.set(key, found);
    }
    return found;
  }

  /** The signing key with this id, current or older (signatures made before a rotation). */
  async signingKey(orgId: string, keyId: string): Promise<SigningKey> {
    const current = await this.currentRecord(orgId);
    if (current.signingKeyId === keyId) return signingKeyOf(current);
    const oldest = Math.max(1, current.keyVersion - MAX_VERSIONS_SEARCHED);
    for (let version = current.keyVersion - 1; version >= oldest; version--) {
      const record = await this.recordAt(orgId, version);
      if (record.signingKeyId === keyId) return signingKeyOf(record);
    }
    throw new KeyMismatchError('key directory: no signing key of that organization has this id');
  }
}

function checked(record: unknown, orgId: string): OrgPublicKeyRecord {
  const parsed = parsePublicKeyRecord(record);
  if (parsed.orgId !== orgId) throw new KeyMismatchError('key directory: answered with another organization');
  return parsed;
}
