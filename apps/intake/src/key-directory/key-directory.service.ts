import { Injectable } from '@nestjs/common';
import {
  type DirectoryLogEntry,
  type OrgPublicKeyRecord,
  type SignedDirectoryHead,
  type SigningKey,
  fromBase64Url,
  parsePublicKeyRecord,
  verifyKeyRotation,
} from '@app/crypto';
import { NotFoundError } from '@app/errors';
import { type Principal } from '@app/auth';
import { INTAKE_ERRORS } from '../intake-errors';
import { checkedInput } from '../cases/application/crypto-input';
import { DirectoryLogRepository } from './persistence/directory-log.repository';
import { DirectorySigningKey } from './directory-signing-key';

/**
 * Registration and rotation of organizations' public keys, all of it in the
 * key directory log. The first version is taken on the organization admin's
 * word; clients pin it on first use and people compare its fingerprint by
 * phone. Every later version must be signed by the current signing key, so
 * a stolen session alone cannot swap an organization's keys, and whoever
 * edits the database instead is caught by the clients (docs/consent-api.md,
 * "Key directory").
 */
@Injectable()
export class KeyDirectory {
  constructor(
    private readonly log: DirectoryLogRepository,
    private readonly signingKey: DirectorySigningKey,
  ) {}

  async register(principal: Principal, body: unknown): Promise<OrgPublicKeyRecord> {
    const record = await checkedInput(() => parsePublicKeyRecord(body));
    if (record.orgId !== principal.orgId)
      throw INTAKE_ERRORS.error('KEYS.WRONG_ORGANIZATION', 'keys can only be registered for your own organization');
    if (record.keyVersion !== 1)
      throw INTAKE_ERRORS.error(
        'KEYS.ROTATION_REQUIRED',
        'a first registration is key version 1; later versions go through a signed rotation',
      );
    const appended = await this.log.append({
      orgId: record.orgId,
      keyVersion: 1,
      record,
      registeredAt: new Date().toISOString(),
      registeredBySub: principal.sub,
    });
    if (!appended)
      throw INTAKE_ERRORS.error('KEYS.ALREADY_REGISTERED', 'this organization already has keys; rotate them instead');
    return record;
  }

  async rotate(principal: Principal, statement: unknown): Promise<OrgPublicKeyRecord> {
    const current = await this.require(principal.orgId);
    const next = await checkedInput(() => verifyKeyRotation(statement, current.record));
    const { signedByKeyId, signature } = statement as { signedByKeyId: string; signature: string };
    const appended = await this.log.append({
      orgId: next.orgId,
      keyVersion: next.keyVersion,
      record: next,
      rotation: { signedByKeyId, signature },
      registeredAt: new Date().toISOString(),
      registeredBySub: principal.sub,
    });
    if (!appended)
      throw INTAKE_ERRORS.error('KEYS.VERSION_CONFLICT', 'the keys were rotated by someone else; reload and retry');
    return next;
  }

  async current(orgId: string): Promise<OrgPublicKeyRecord> {
    return (await this.require(orgId)).record;
  }

  async version(orgId: string, keyVersion: number): Promise<OrgPublicKeyRecord> {
    const found = (await this.history(orgId)).find((entry) => entry.keyVersion === keyVersion);
    if (!found) throw INTAKE_ERRORS.error('KEYS.VERSION_NOT_FOUND', 'the organization has no such key version');
    return found.record;
  }

  /** Every version an organization registered, oldest first, as the log holds them. */
  async history(orgId: string): Promise<DirectoryLogEntry[]> {
    const history = await this.log.history(orgId);
    if (history.length === 0) throw new NotFoundError(INTAKE_ERRORS.code('KEYS.NOT_FOUND'));
    return history;
  }

  logEntries(after: number, limit: number): Promise<DirectoryLogEntry[]> {
    return this.log.entries(after, limit);
  }

  /** The log's current size and hash, signed by the directory's key. */
  async head(): Promise<SignedDirectoryHead> {
    return this.signingKey.sign(await this.log.position());
  }

  /**
   * The organization's current Ed25519 key, if `keyId` names it. What an
   * organization signs now (sections, consent receipts) must be signed with
   * its current key: a rotated-out key may be the reason it rotated.
   */
  async currentSigningKey(orgId: string, keyId: string): Promise<SigningKey | undefined> {
    const record = (await this.log.current(orgId))?.record;
    return record?.signingKeyId === keyId
      ? { orgId, keyId, publicKey: fromBase64Url(record.signingPublicKey, 'signingPublicKey') }
      : undefined;
  }

  currentRecords(orgIds: readonly string[]): Promise<Map<string, OrgPublicKeyRecord>> {
    return this.log.currentRecords(orgIds);
  }

  private async require(orgId: string): Promise<DirectoryLogEntry> {
    const found = await this.log.current(orgId);
    if (!found) throw new NotFoundError(INTAKE_ERRORS.code('KEYS.NOT_FOUND'));
    return found;
  }
}
