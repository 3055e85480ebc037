// The key directory part of the fake intake: registrations, rotations, and
// the hash-chained log with its signed head (docs/consent-api.md, "Key
// directory"), for the staff CLI's unit tests to trust and to tamper with.
import { randomBytes } from 'node:crypto';
import {
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogEntry,
  type KeyPair,
  type OrgPublicKeyRecord,
  directoryKeyFromSeed,
  directoryLogEntryHash,
  keyFingerprint,
  parsePublicKeyRecord,
  signDirectoryHead,
  verifyKeyRotation,
} from '@app/crypto';
import { type FakeRequest, problem } from './fake-http';

export class FakeKeyDirectory {
  readonly keys = new Map<string, OrgPublicKeyRecord[]>();
  readonly log: DirectoryLogEntry[] = [];
  private key?: Promise<KeyPair>;

  ring(orgId: string): OrgPublicKeyRecord[] {
    const ring = this.keys.get(orgId);
    if (!ring) throw problem(404, 'KEYS.NOT_FOUND');
    return ring;
  }

  keysView(record: OrgPublicKeyRecord | undefined, as: 'current' | 'record'): unknown {
    if (!record) throw problem(404, 'KEYS.VERSION_NOT_FOUND');
    const fingerprints = {
      encryption: keyFingerprint(record.encryptionKeyId),
      signing: keyFingerprint(record.signingKeyId),
    };
    // `current` is the document's shape for the current keys; `record` is what intake answers per version.
    return { orgId: record.orgId, keyVersion: record.keyVersion, [as]: record, fingerprints };
  }

  register(r: FakeRequest): unknown {
    const record = parsePublicKeyRecord(r.body);
    if (record.orgId !== r.caller?.org || record.keyVersion !== 1) throw problem(400, 'KEYS.ROTATION_REQUIRED');
    if (this.keys.has(record.orgId)) throw problem(409, 'KEYS.ALREADY_REGISTERED');
    this.keys.set(record.orgId, [record]);
    this.appendToLog(record);
    return this.keysView(record, 'current');
  }

  async rotate(r: FakeRequest): Promise<unknown> {
    const ring = this.ring(r.caller?.org ?? '');
    const current = ring.at(-1) as OrgPublicKeyRecord;
    const next = await verifyKeyRotation(r.body, current).catch(() => {
      throw problem(422, 'CRYPTO.SIGNATURE_INVALID');
    });
    ring.push(next);
    const { signedByKeyId, signature } = r.body as { signedByKeyId: string; signature: string };
    this.appendToLog(next, { signedByKeyId, signature });
    return this.keysView(next, 'current');
  }

  /** Appends as intake does; a test that wants a consistent lie edits `log` and `keys` itself. */
  appendToLog(record: OrgPublicKeyRecord, rotation?: { signedByKeyId: string; signature: string }): void {
    const previous = this.log.at(-1)?.hash ?? DIRECTORY_LOG_GENESIS;
    const body = {
      index: this.log.length + 1,
      orgId: record.orgId,
      keyVersion: record.keyVersion,
      record,
      ...(rotation ? { rotation } : {}),
      registeredAt: '2026-12-01T10:00:00.000Z',
    };
    this.log.push({ ...body, hash: directoryLogEntryHash(previous, body) });
  }

  /** Signs heads with a new key from now on, as a directory whose key was replaced would. */
  replaceDirectoryKey(): void {
    this.key = undefined;
  }

  async signedHead(): Promise<unknown> {
    this.key ??= directoryKeyFromSeed(new Uint8Array(randomBytes(32)));
    const last = this.log.at(-1);
    return signDirectoryHead({ size: this.log.length, hash: last?.hash ?? DIRECTORY_LOG_GENESIS }, await this.key);
  }

  async historyView(orgId: string): Promise<unknown> {
    const versions = this.log.filter((entry) => entry.orgId === orgId);
    if (versions.length === 0) throw problem(404, 'KEYS.NOT_FOUND');
    return { orgId, versions, head: await this.signedHead() };
  }

  async logView(after: number): Promise<unknown> {
    return { entries: this.log.slice(after, after + 500), head: await this.signedHead() };
  }
}
