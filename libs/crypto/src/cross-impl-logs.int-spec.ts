// Cross-implementation test of the two logs clients verify: the key
// directory's log with its signed head, and a case's access log in both entry
// formats. PyNaCl recomputes what the SDK wrote from the format description
// (docs/consent-api.md), and the SDK verifies what PyNaCl wrote, so neither
// log can be checked only by the code that wrote it.
//
// Needs python3 with PyNaCl (see ../test/cross-impl-python.ts).
import { ownersChain, overTheWire } from '../test/access-log-chains';
import { python, requirePyNaCl } from '../test/cross-impl-python';
import { newOrg } from '../test/factories';
import {
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogEntry,
  type OrgKeys,
  type OwnerAccessLogEntry,
  type SignedDirectoryHead,
  directoryKeyFromSeed,
  directoryLogEntryHash,
  extendDirectoryLog,
  orgKeysFingerprint,
  rotateOrgKeys,
  signDirectoryHead,
  toPublicKeyRecord,
  toReceiptHolderEntry,
  verifyAccessLog,
  verifyActorSub,
  verifyDirectoryHead,
  verifyKeyHistory,
} from './index';
import { randomBytes } from './random';

const REGISTERED_AT = '2025-03-04T05:06:07.890Z';
// Beyond ASCII on purpose: the subject's UTF-8 bytes are what the digest covers.
const SUB = 'auth0|CANARY-maría.lópez@example.org';

type DirectoryCheck = {
  chained: boolean;
  rotationsValid: boolean;
  headValid: boolean;
  headMatchesLog: boolean;
  fingerprints: Record<string, string>;
};

type AccessLogCheck = { linked: boolean; hashesValid: boolean; digestsValid: boolean; withheld: number; head: string };

/** Two organizations as the directory logs them: org-mx registers and rotates twice, org-us registers once between. */
async function sdkDirectoryLog(): Promise<{ entries: DirectoryLogEntry[]; head: SignedDirectoryHead }> {
  const entries: DirectoryLogEntry[] = [];
  const append = (body: Omit<DirectoryLogEntry, 'index' | 'hash' | 'registeredAt'>): void => {
    const full = { index: entries.length + 1, ...body, registeredAt: REGISTERED_AT };
    entries.push({ ...full, hash: directoryLogEntryHash(entries.at(-1)?.hash ?? DIRECTORY_LOG_GENESIS, full) });
  };
  let mx: OrgKeys = await newOrg('org-mx');
  append({ orgId: 'org-mx', keyVersion: 1, record: toPublicKeyRecord(mx) });
  append({ orgId: 'org-us', keyVersion: 1, record: toPublicKeyRecord(await newOrg('org-us')) });
  for (let i = 0; i < 2; i++) {
    const { keys, statement } = await rotateOrgKeys(mx);
    mx = keys;
    const rotation = { signedByKeyId: statement.signedByKeyId, signature: statement.signature };
    append({ orgId: 'org-mx', keyVersion: keys.keyVersion, record: statement.record, rotation });
  }
  const directoryKey = await directoryKeyFromSeed(randomBytes(32));
  const last = entries.at(-1) as DirectoryLogEntry;
  return { entries, head: await signDirectoryHead({ size: last.index, hash: last.hash }, directoryKey) };
}

/** An access log as its owner is shown it: `legacy` format 1 entries, then format 2 with the subject disclosed. */
function sdkAccessLog(length: number, legacy: number): Promise<OwnerAccessLogEntry[]> {
  return ownersChain(length, { legacy, handOut: (seq) => ({ actorSub: `${SUB}-${seq}` }) });
}

describe('cross-implementation of the key directory and access logs (SDK <-> PyNaCl)', () => {
  beforeAll(requirePyNaCl);

  describe('key directory', () => {
    it('PyNaCl recomputes every entry hash, the rotation chain, the signed head and the fingerprints', async () => {
      const { entries, head } = await sdkDirectoryLog();
      const checked = python<DirectoryCheck>('verify-directory-log', overTheWire({ entries, head }));
      expect(checked).toMatchObject({ chained: true, rotationsValid: true, headValid: true, headMatchesLog: true });
      const expected: Record<string, string> = {};
      for (const e of entries) expected[`${e.orgId}@${e.keyVersion}`] = await orgKeysFingerprint(e.record);
      expect(checked.fingerprints).toEqual(expected);
    });

    it('PyNaCl catches a swapped key, a forged rotation and a head signed by another key', async () => {
      const { entries, head } = await sdkDirectoryLog();
      const impostor = toPublicKeyRecord(await newOrg('org-us'));
      // The key of entry 2 replaced: its hash no longer recomputes, and the log no longer ends where the head says.
      const swapped = overTheWire(entries);
      swapped[1] = { ...swapped[1], record: impostor } as DirectoryLogEntry;
      expect(python<DirectoryCheck>('verify-directory-log', { entries: swapped, head })).toMatchObject({
        chained: false,
        headMatchesLog: false,
      });
      // A rotation signed with a key the organization never held.
      const forged = overTheWire(entries);
      const wrongSigner = (await rotateOrgKeys(await newOrg('org-mx', 2))).statement;
      forged[3] = {
        ...forged[3],
        rotation: { ...forged[3]!.rotation!, signature: wrongSigner.signature },
      } as DirectoryLogEntry;
      expect(python<DirectoryCheck>('verify-directory-log', { entries: forged, head }).rotationsValid).toBe(false);
      const other = await signDirectoryHead(
        { size: head.size, hash: head.hash },
        await directoryKeyFromSeed(randomBytes(32)),
      );
      const mixed = { ...head, signature: other.signature };
      expect(python<DirectoryCheck>('verify-directory-log', { entries, head: mixed }).headValid).toBe(false);
    });

    it('the SDK extends, verifies and fingerprints a log and head written by PyNaCl', async () => {
      const made = python<{ entries: unknown[]; head: unknown; fingerprints: Record<string, string> }>(
        'make-directory-log',
        { orgIds: ['org-py-a', 'org-py-b'], versions: 3, registeredAt: REGISTERED_AT },
      );
      const head = await verifyDirectoryHead(made.head);
      const { entries, position } = await extendDirectoryLog({ size: 0, hash: DIRECTORY_LOG_GENESIS }, made.entries);
      expect(position).toEqual({ size: head.size, hash: head.hash });
      expect(entries).toHaveLength(6);
      for (const orgId of ['org-py-a', 'org-py-b']) {
        const history = entries
          .filter((e) => e.orgId === orgId)
          .map(({ record, rotation }) => (rotation ? { record, rotation } : { record }));
        const records = await verifyKeyHistory(orgId, history);
        expect(records.map((r) => r.keyVersion)).toEqual([1, 2, 3]);
        for (const record of records)
          expect(await orgKeysFingerprint(record)).toBe(made.fingerprints[`${orgId}@${record.keyVersion}`]);
      }
    });
  });

  describe('access log', () => {
    it("PyNaCl recomputes the owner's chain across both formats and opens each subject digest", async () => {
      const chain = await sdkAccessLog(5, 2);
      const checked = python<AccessLogCheck>('verify-access-log', { entries: overTheWire(chain) });
      expect(checked).toEqual({
        linked: true,
        hashesValid: true,
        digestsValid: true,
        withheld: 0,
        head: chain.at(-1)?.hash,
      });
    });

    it("PyNaCl links a receipt holder's view, format 1 entries withheld, and catches a changed subject", async () => {
      const chain = await sdkAccessLog(5, 2);
      const receiptView = overTheWire(chain.map(toReceiptHolderEntry));
      expect(JSON.stringify(receiptView)).not.toContain('CANARY');
      expect(python<AccessLogCheck>('verify-access-log', { entries: receiptView })).toMatchObject({
        linked: true,
        hashesValid: true,
        withheld: 2,
      });
      const relabelled = overTheWire(chain).map((e) => ('v' in e ? { ...e, actorSub: `${SUB}-someone-else` } : e));
      expect(python<AccessLogCheck>('verify-access-log', { entries: relabelled }).digestsValid).toBe(false);
    });

    it('the SDK verifies a format 2 chain written by PyNaCl, and each disclosed subject', async () => {
      const reads = [1, 2, 3].map((n) => ({
        at: `2025-02-0${n}T08:00:00.000Z`,
        actorOrg: 'org-us-partner',
        actorRole: 'legal_staff',
        actorSub: `${SUB}-${n}`,
        purpose: 'legal_representation',
        section: n === 2 ? 'identity' : 'legal',
        keyVersion: 1,
      }));
      const { entries } = python<{ entries: Record<string, unknown>[] }>('make-access-log', { reads });
      const last = entries.at(-1) as { seq: number; hash: string };
      expect(await verifyAccessLog(entries, { seq: last.seq, hash: last.hash })).toEqual({ valid: true, checked: 3 });
      for (const entry of entries) expect(await verifyActorSub(entry)).toBe(true);
      const receiptView = entries.map(({ actorSub: _sub, actorSalt: _salt, ...rest }) => rest);
      expect(await verifyAccessLog(receiptView)).toEqual({ valid: true, checked: 3 });
    });
  });
});
