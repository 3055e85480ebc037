import { Injectable } from '@nestjs/common';
import {
  type OrgPublicKeyRecord,
  type SigningKey,
  fromBase64Url,
  parsePublicKeyRecord,
  verifyKeyRotation,
} from '@app/crypto';
import { NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../intake-errors';
import { type Principal } from '@app/auth';
import { checkedInput } from '../cases/application/crypto-input';
import { KeyDirectoryRepository, currentOf } from './persistence/key-directory.repository';
import { type OrgKeysDocument } from './persistence/org-keys.schema';

/**
 * Registration and rotation of organizations' public keys. The first version
 * is taken on the organization admin's word (its fingerprint is then compared
 * out of band); every later version must be signed by the current signing
 * key, so a stolen session alone cannot swap an organization's keys.
 */
@Injectable()
export class KeyDirectory {
  constructor(private readonly keys: KeyDirectoryRepository) {}

  async register(principal: Principal, body: unknown): Promise<OrgPublicKeyRecord> {
    const record = await checkedInput(() => parsePublicKeyRecord(body));
    if (record.orgId !== principal.orgId)
      throw INTAKE_ERRORS.error('KEYS.WRONG_ORGANIZATION', 'keys can only be registered for your own organization');
    if (record.keyVersion !== 1)
      throw INTAKE_ERRORS.error(
        'KEYS.ROTATION_REQUIRED',
        'a first registration is key version 1; later versions go through a signed rotation',
      );
    const stored = await this.keys.registerFirst({
      keyVersion: 1,
      record,
      registeredAt: new Date(),
      registeredBySub: principal.sub,
    });
    if (!stored)
      throw INTAKE_ERRORS.error('KEYS.ALREADY_REGISTERED', 'this organization already has keys; rotate them instead');
    return record;
  }

  async rotate(principal: Principal, statement: unknown): Promise<OrgPublicKeyRecord> {
    const existing = await this.require(principal.orgId);
    const current = currentOf(existing);
    const next = await checkedInput(() => verifyKeyRotation(statement, current.record));
    const signature = (statement as { signature: string }).signature;
    const rotated = await this.keys.rotate(principal.orgId, current.keyVersion, {
      keyVersion: next.keyVersion,
      record: next,
      registeredAt: new Date(),
      registeredBySub: principal.sub,
      rotationSignature: signature,
    });
    if (!rotated)
      throw INTAKE_ERRORS.error('KEYS.VERSION_CONFLICT', 'the keys were rotated by someone else; reload and retry');
    return next;
  }

  async current(orgId: string): Promise<OrgPublicKeyRecord> {
    return currentOf(await this.require(orgId)).record;
  }

  async version(orgId: string, keyVersion: number): Promise<OrgPublicKeyRecord> {
    const found = (await this.require(orgId)).versions.find((version) => version.keyVersion === keyVersion);
    if (!found) throw INTAKE_ERRORS.error('KEYS.VERSION_NOT_FOUND', 'the organization has no such key version');
    return found.record;
  }

  /**
   * The organization's current Ed25519 key, if `keyId` names it. What an
   * organization signs now (sections, consent receipts) must be signed with
   * its current key: a rotated-out key may be the reason it rotated.
   */
  async currentSigningKey(orgId: string, keyId: string): Promise<SigningKey | undefined> {
    const keys = await this.keys.find(orgId);
    const record = keys ? currentOf(keys).record : undefined;
    return record?.signingKeyId === keyId
      ? { orgId, keyId, publicKey: fromBase64Url(record.signingPublicKey, 'signingPublicKey') }
      : undefined;
  }

  currentRecords(orgIds: readonly string[]): Promise<Map<string, OrgPublicKeyRecord>> {
    return this.keys.currentRecords(orgIds);
  }

  private async require(orgId: string): Promise<OrgKeysDocument> {
    const found = await this.keys.find(orgId);
    if (!found) throw new NotFoundError(INTAKE_ERRORS.code('KEYS.NOT_FOUND'));
    return found;
  }
}
