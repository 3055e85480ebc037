import { newOrg, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { type OrgKeys, generateOrgKeys, toPublicKeyRecord } from '../keys/org-keys';
import { rotateOrgKeys } from '../keys/key-rotation';
import { normalizeFingerprint, orgKeysFingerprint } from '../keys/org-keys-fingerprint';
import { randomBytes } from '../random';
import { type KeyHistoryVersion, KeyHistoryError, verifyKeyHistory } from './key-history';
import {
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogEntry,
  DirectoryLogBrokenError,
  directoryLogEntryHash,
  extendDirectoryLog,
} from './directory-log';
import { directoryKeyFromSeed, signDirectoryHead, verifyDirectoryHead } from './directory-head';

/** An organization that registered version 1 and rotated `rotations` times, as the directory serves it. */
async function historyOf(orgId: string, rotations: number): Promise<{ keys: OrgKeys[]; history: KeyHistoryVersion[] }> {
  const keys = [await newOrg(orgId)];
  const history: KeyHistoryVersion[] = [{ record: toPublicKeyRecord(keys[0] as OrgKeys) }];
  for (let i = 0; i < rotations; i++) {
    const { keys: next, statement } = await rotateOrgKeys(keys.at(-1) as OrgKeys);
    keys.push(next);
    history.push({
      record: statement.record,
      rotation: { signedByKeyId: statement.signedByKeyId, signature: statement.signature },
    });
  }
  return { keys, history };
}

function problemOf(error: unknown): string {
  return error instanceof KeyHistoryError ? `${error.problem}@${error.keyVersion}` : String(error);
}

describe('key history', () => {
  it('verifies a chain of rotations from version 1', async () => {
    const { history } = await historyOf('org-h', 3);
    const records = await verifyKeyHistory('org-h', JSON.parse(JSON.stringify(history)));
    expect(records.map((r) => r.keyVersion)).toEqual([1, 2, 3, 4]);
  });

  it('verifies from a pinned version 1 fingerprint and refuses a different version 1', async () => {
    const { history } = await historyOf('org-p', 1);
    const pinned = { keyVersion: 1, fingerprint: await orgKeysFingerprint(history[0]!.record) };
    await expect(verifyKeyHistory('org-p', history, pinned)).resolves.toHaveLength(2);

    const impostor = await generateOrgKeys('org-p');
    const swapped = [{ record: toPublicKeyRecord(impostor) }, ...history.slice(1)];
    const refused = await verifyKeyHistory('org-p', swapped, pinned).catch(problemOf);
    expect(refused).toBe('not-anchored@1');
  });

  it('refuses a version whose encryption key alone was swapped (the fingerprint covers both keys)', async () => {
    const { history } = await historyOf('org-e', 0);
    const pinned = { keyVersion: 1, fingerprint: await orgKeysFingerprint(history[0]!.record) };
    const other = toPublicKeyRecord(await generateOrgKeys('org-e'));
    const record = {
      ...history[0]!.record,
      encryptionPublicKey: other.encryptionPublicKey,
      encryptionKeyId: other.encryptionKeyId,
    };
    expect(await verifyKeyHistory('org-e', [{ record }], pinned).catch(problemOf)).toBe('not-anchored@1');
  });

  it('refuses a newer version nobody holding the previous key signed', async () => {
    const { history } = await historyOf('org-u', 2);
    const impostor = await rotateOrgKeys(await generateOrgKeys('org-u', 2));
    const forged = [...history.slice(0, 2), { record: impostor.statement.record, rotation: history[2]!.rotation }];
    expect(await verifyKeyHistory('org-u', forged).catch(problemOf)).toBe('unchained@3');
    const unsigned = [...history.slice(0, 2), { record: history[2]!.record }];
    expect(await verifyKeyHistory('org-u', unsigned).catch(problemOf)).toBe('unchained@3');
  });

  it('trusts from a later anchor a person confirmed, without vouching for what came before it', async () => {
    const { history } = await historyOf('org-a', 2);
    const unsigned = [history[0]!, { record: history[1]!.record }, history[2]!];
    const anchor = { keyVersion: 2, fingerprint: await orgKeysFingerprint(history[1]!.record) };
    await expect(verifyKeyHistory('org-a', unsigned, anchor)).resolves.toHaveLength(3);
    expect(await verifyKeyHistory('org-a', unsigned).catch(problemOf)).toBe('unchained@2');
  });

  it('refuses gaps, other organizations and an anchor the history does not reach', async () => {
    const { history } = await historyOf('org-g', 2);
    await expect(verifyKeyHistory('org-g', [history[0], history[2]])).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT),
    );
    await expect(verifyKeyHistory('org-other', history)).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH));
    const beyond = { keyVersion: 5, fingerprint: await orgKeysFingerprint(history[0]!.record) };
    expect(await verifyKeyHistory('org-g', history, beyond).catch(problemOf)).toBe('not-anchored@5');
  });
});

describe('fingerprints as people type them', () => {
  it('accepts any case and spacing, and nothing but 32 hex digits', async () => {
    const fingerprint = await orgKeysFingerprint(toPublicKeyRecord(await newOrg()));
    expect(fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(normalizeFingerprint(fingerprint.replace(/ /g, '').toUpperCase())).toBe(fingerprint);
    expect(normalizeFingerprint(`${fingerprint} 00`)).toBeUndefined();
    expect(normalizeFingerprint('not a fingerprint')).toBeUndefined();
  });
});

describe('key directory log', () => {
  async function entries(count: number): Promise<DirectoryLogEntry[]> {
    const built: DirectoryLogEntry[] = [];
    let previous = DIRECTORY_LOG_GENESIS;
    for (let index = 1; index <= count; index++) {
      const record = toPublicKeyRecord(await newOrg(`org-log-${index}`));
      const body = { index, orgId: record.orgId, keyVersion: 1, record, registeredAt: '2026-12-01T10:00:00.000Z' };
      const entry = { ...body, hash: directoryLogEntryHash(previous, body) };
      built.push(entry);
      previous = entry.hash;
    }
    return built;
  }

  it('extends a remembered position entry by entry', async () => {
    const all = await entries(4);
    const first = await extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, all.slice(0, 2));
    expect(first.position).toEqual({ size: 2, hash: all[1]!.hash });
    const rest = await extendDirectoryLog(first.position, JSON.parse(JSON.stringify(all.slice(2))) as unknown[]);
    expect(rest.position).toEqual({ size: 4, hash: all[3]!.hash });
    expect((await extendDirectoryLog(rest.position, [])).position).toEqual(rest.position);
  });

  it('catches an edited, dropped or reordered entry', async () => {
    const all = await entries(3);
    const genesis = { size: 0, hash: DIRECTORY_LOG_GENESIS };
    const other = toPublicKeyRecord(await newOrg('org-log-2'));
    const edited = [all[0], { ...all[1], record: other }, all[2]];
    await expect(extendDirectoryLog(genesis, edited)).rejects.toBeInstanceOf(DirectoryLogBrokenError);
    await expect(extendDirectoryLog(genesis, [all[0], all[2]])).rejects.toBeInstanceOf(DirectoryLogBrokenError);
    await expect(extendDirectoryLog(genesis, [all[1], all[0]])).rejects.toBeInstanceOf(DirectoryLogBrokenError);
    // Entries that do not continue from where this reader stands: a rewritten history.
    await expect(extendDirectoryLog({ size: 1, hash: all[1]!.hash }, all.slice(1))).rejects.toBeInstanceOf(
      DirectoryLogBrokenError,
    );
  });

  it('refuses fields the hash does not cover', async () => {
    const [entry] = await entries(1);
    await expect(
      extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, [{ ...entry, note: 'unverified' }]),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });
});

describe('signed directory head', () => {
  it('verifies, and refuses a changed size or hash, or another key passed off under its id', async () => {
    const key = await directoryKeyFromSeed(randomBytes(32));
    const head = await signDirectoryHead({ size: 7, hash: DIRECTORY_LOG_GENESIS }, key);
    await expect(verifyDirectoryHead(JSON.parse(JSON.stringify(head)))).resolves.toEqual(head);
    await expect(verifyDirectoryHead({ ...head, size: 6 })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.SIGNATURE_INVALID),
    );
    const other = await directoryKeyFromSeed(randomBytes(32));
    const resigned = await signDirectoryHead({ size: 7, hash: DIRECTORY_LOG_GENESIS }, other);
    await expect(verifyDirectoryHead({ ...resigned, keyId: head.keyId })).rejects.toEqual(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
  });
});
