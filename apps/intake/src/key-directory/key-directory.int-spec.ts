import mongoose, { type Connection } from 'mongoose';
import {
  DIRECTORY_LOG_GENESIS,
  extendDirectoryLog,
  generateOrgKeys,
  rotateOrgKeys,
  toPublicKeyRecord,
  verifyDirectoryHead,
  verifyKeyHistory,
} from '@app/crypto';
import { type Principal } from '@app/auth';
import { uuidv7 } from '@app/contracts';
import { assertTestDatabase } from '@app/persistence';
import { mongoUri } from '@app/testing';
import { DirectoryLogRepository } from './persistence/directory-log.repository';
import { LEGACY_ORG_KEYS_COLLECTION, LegacyOrgKeysMigration } from './persistence/legacy-org-keys.migration';
import { DirectorySigningKey } from './directory-signing-key';
import { KeyDirectory } from './key-directory.service';

function admin(orgId: string): Principal {
  return { sub: `admin_${orgId}`, orgId, roles: ['org_admin'] };
}

describe('key directory log (real MongoDB)', () => {
  const database = `intake_test_keydir_${uuidv7().slice(-12)}`;
  let connection: Connection;
  let log: DirectoryLogRepository;
  let directory: KeyDirectory;

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUri(database)).asPromise();
    log = new DirectoryLogRepository(connection);
    directory = new KeyDirectory(log, new DirectorySigningKey());
  });

  afterAll(async () => {
    assertTestDatabase(database);
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('logs every registration and rotation; the SDK verifies the log, its head and each history', async () => {
    const a = await generateOrgKeys(`org_a_${uuidv7().slice(-8)}`);
    const b = await generateOrgKeys(`org_b_${uuidv7().slice(-8)}`);
    await directory.register(admin(a.orgId), toPublicKeyRecord(a));
    await directory.register(admin(b.orgId), toPublicKeyRecord(b));
    const { statement } = await rotateOrgKeys(a);
    await directory.rotate(admin(a.orgId), JSON.parse(JSON.stringify(statement)));

    const head = await verifyDirectoryHead(JSON.parse(JSON.stringify(await directory.head())));
    const entries = await directory.logEntries(0, 500);
    const checked = await extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, entries);
    expect(checked.position).toEqual({ size: head.size, hash: head.hash });
    expect(entries.map((entry) => [entry.orgId, entry.keyVersion])).toEqual([
      [a.orgId, 1],
      [b.orgId, 1],
      [a.orgId, 2],
    ]);
    // Served entries carry nothing the hash does not cover (no registering subject).
    expect(JSON.stringify(entries)).not.toContain('admin_');

    const history = await verifyKeyHistory(a.orgId, await directory.history(a.orgId));
    expect(history.map((record) => record.keyVersion)).toEqual([1, 2]);
    expect(await directory.current(a.orgId)).toEqual(statement.record);
    // Paging: after the first entry, the rest continue from it.
    const rest = await directory.logEntries(1, 500);
    await expect(extendDirectoryLog({ size: 1, hash: entries[0]!.hash }, rest)).resolves.toMatchObject({
      position: { size: 3 },
    });
  });

  it('lets exactly one of two racing rotations to the same version in, and the log stays linear', async () => {
    const keys = await generateOrgKeys(`org_r_${uuidv7().slice(-8)}`);
    await directory.register(admin(keys.orgId), toPublicKeyRecord(keys));
    const [one, two] = await Promise.all([rotateOrgKeys(keys), rotateOrgKeys(keys)]);
    const results = await Promise.allSettled([
      directory.rotate(admin(keys.orgId), one.statement),
      directory.rotate(admin(keys.orgId), two.statement),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await directory.history(keys.orgId)).map((entry) => entry.keyVersion)).toEqual([1, 2]);
    const entries = await directory.logEntries(0, 500);
    await expect(extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, entries)).resolves.toBeDefined();
  });

  it('moves keys registered before the log into it, rotations and all, once', async () => {
    const first = await generateOrgKeys(`org_l_${uuidv7().slice(-8)}`);
    const { keys: second, statement } = await rotateOrgKeys(first);
    const registeredAt = new Date('2026-11-02T09:30:00Z');
    await connection.collection<{ _id: string; [field: string]: unknown }>(LEGACY_ORG_KEYS_COLLECTION).insertOne({
      _id: first.orgId,
      currentVersion: 2,
      versions: [
        { keyVersion: 1, record: toPublicKeyRecord(first), registeredAt, registeredBySub: 'admin_l' },
        {
          keyVersion: 2,
          record: toPublicKeyRecord(second),
          registeredAt,
          registeredBySub: 'admin_l',
          rotationSignature: statement.signature,
        },
      ],
    });

    await new LegacyOrgKeysMigration(connection, log).onModuleInit();
    await new LegacyOrgKeysMigration(connection, log).onModuleInit();

    const history = await directory.history(first.orgId);
    expect(history.map((entry) => entry.registeredAt)).toEqual([
      registeredAt.toISOString(),
      registeredAt.toISOString(),
    ]);
    await expect(verifyKeyHistory(first.orgId, history)).resolves.toHaveLength(2);
    expect(await connection.collection(LEGACY_ORG_KEYS_COLLECTION).countDocuments()).toBe(0);
    await expect(
      extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, await directory.logEntries(0, 500)),
    ).resolves.toBeDefined();
  });
});
