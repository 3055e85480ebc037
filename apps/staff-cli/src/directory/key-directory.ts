import {
  KeyHistoryError,
  KeyMismatchError,
  type OrgPublicKeyRecord,
  type SignedDirectoryHead,
  type SigningKey,
  keyFingerprint,
  orgKeysFingerprint,
  parsePublicKeyRecord,
  signingKeyOf,
  verifyKeyHistory,
} from '@app/crypto';
import { keyHistory } from '../api/keys-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type IntakeClient } from '../http/intake-client';
import { syncDirectoryLog, verifiedHead } from './directory-log-sync';
import { type TrustState, type TrustStore, type TrustedVersion } from './trust-store';

/** An organization's keys as this run verified them, oldest version first. */
export type VerifiedKeys = { readonly records: readonly OrgPublicKeyRecord[]; readonly pinnedNow: boolean };

/**
 * The key directory as the CLI trusts it. Before any key is used, the
 * directory's log is brought up to its signed head (directory-log-sync.ts);
 * then an organization's keys are its served history, checked by the SDK
 * from the version pinned for it (version 1, on first use) to the newest,
 * which must be the newest the log shows. Anything else is refused with the
 * organization's name, until a person compares fingerprints and runs
 * `keys trust`. Verified histories are cached per run.
 */
export class KeyDirectory {
  private synced?: Promise<{ state: TrustState; head: SignedDirectoryHead }>;
  private readonly histories = new Map<string, Promise<VerifiedKeys>>();

  constructor(
    private readonly api: IntakeClient,
    private readonly trust: TrustStore,
  ) {}

  async currentRecord(orgId: string): Promise<OrgPublicKeyRecord> {
    return (await this.verified(orgId)).records.at(-1) as OrgPublicKeyRecord;
  }

  async recordAt(orgId: string, keyVersion: number): Promise<OrgPublicKeyRecord> {
    const found = (await this.verified(orgId)).records.find((record) => record.keyVersion === keyVersion);
    if (!found) throw new KeyMismatchError('key directory: the organization has no such key version');
    return found;
  }

  /** The signing key with this id, current or older (signatures made before a rotation). */
  async signingKey(orgId: string, keyId: string): Promise<SigningKey> {
    const found = (await this.verified(orgId)).records.find((record) => record.signingKeyId === keyId);
    if (!found) throw new KeyMismatchError('key directory: no signing key of that organization has this id');
    return signingKeyOf(found);
  }

  verified(orgId: string): Promise<VerifiedKeys> {
    let found = this.histories.get(orgId);
    if (!found) {
      found = this.verify(orgId);
      this.histories.set(orgId, found);
    }
    return found;
  }

  /** The log position and pins after this run's check of the directory. */
  async trustState(): Promise<{ state: TrustState; head: SignedDirectoryHead }> {
    this.synced ??= this.trust.load().then(async (state) => ({ state, head: await this.sync(state) }));
    return this.synced;
  }

  /**
   * Trusts the organization's version with this fingerprint (compared with
   * the organization out of band) as the new starting point of its chain.
   * Its later versions must still be signed one by the next, and the newest
   * must be the log's.
   */
  async trustVersion(
    orgId: string,
    fingerprint: string,
  ): Promise<{ trusted: TrustedVersion; current: TrustedVersion }> {
    const { state } = await this.trustState();
    const served = await keyHistory(this.api, orgId);
    if (served.length === 0) throw noVersionWith(orgId, fingerprint);
    // Verified once, anchored at the first version with that fingerprint (version 1 when none has it, which the SDK
    // then reports as not anchored).
    const anchor = { keyVersion: (await versionWithFingerprint(served, fingerprint)) ?? 1, fingerprint };
    const chain = await verifyKeyHistory(orgId, served, anchor).catch((error: unknown) => {
      if (isNotAnchored(error)) throw noVersionWith(orgId, fingerprint);
      // A history that does not parse fails from every version, and is reported from the first.
      const keyVersion = error instanceof KeyHistoryError ? anchor.keyVersion : 1;
      throw untrustedKey(
        orgId,
        `${orgId}'s version ${keyVersion} has that fingerprint, but a later version is not signed by ` +
          'the one before it: compare the fingerprint of its current version instead',
      );
    });
    const current = await this.checkedAgainstLog(orgId, state, chain);
    state.pins[orgId] = anchor;
    await this.trust.save(state);
    this.histories.delete(orgId);
    return { trusted: anchor, current };
  }

  /**
   * Trusts the directory's current signing key, whose fingerprint its
   * operators confirmed, after it changed or its log was rewritten. The log
   * is then verified from its first entry; pins are kept, so every
   * organization's keys are checked again against them.
   */
  async trustDirectory(fingerprint: string): Promise<{ fingerprint: string; size: number }> {
    const state = await this.trust.load();
    const head = await verifiedHead(this.api);
    if (keyFingerprint(head.keyId) !== fingerprint)
      throw new CliError(
        CLI_ERROR_CODES.DIRECTORY_UNTRUSTED,
        `the key directory signs with key ${keyFingerprint(head.keyId)}, not the one given`,
      );
    delete state.directory;
    state.logged = {};
    const synced = await this.sync(state);
    this.synced = Promise.resolve({ state, head: synced });
    this.histories.clear();
    return { fingerprint, size: synced.size };
  }

  private async verify(orgId: string): Promise<VerifiedKeys> {
    const { state } = await this.trustState();
    const served = await keyHistory(this.api, orgId);
    const pin = state.pins[orgId];
    let records: OrgPublicKeyRecord[];
    try {
      records = await verifyKeyHistory(orgId, served, pin);
    } catch (error) {
      if (error instanceof KeyHistoryError) throw untrustedKey(orgId, historyProblem(orgId, error, pin));
      throw error;
    }
    await this.checkedAgainstLog(orgId, state, records);
    if (pin) return { records, pinnedNow: false };
    state.pins[orgId] = { keyVersion: 1, fingerprint: await orgKeysFingerprint(records[0] as OrgPublicKeyRecord) };
    await this.trust.save(state);
    return { records, pinnedNow: true };
  }

  /**
   * The newest served version must be the newest the log shows. One that is
   * newer than this run's view of the log may have been registered since:
   * the log is brought up to date once before refusing.
   */
  private async checkedAgainstLog(
    orgId: string,
    state: TrustState,
    records: readonly OrgPublicKeyRecord[],
  ): Promise<TrustedVersion> {
    const newest = records.at(-1) as OrgPublicKeyRecord;
    const served = { keyVersion: newest.keyVersion, fingerprint: await orgKeysFingerprint(newest) };
    const logged = (): TrustedVersion | undefined => state.logged[orgId];
    if (sameVersion(logged(), served)) return served;
    if ((logged()?.keyVersion ?? 0) <= served.keyVersion) {
      await this.sync(state);
      if (sameVersion(logged(), served)) return served;
    }
    throw untrustedKey(
      orgId,
      `the directory serves keys for ${orgId} (version ${served.keyVersion}, fingerprint ${served.fingerprint}) ` +
        `that its log does not show${describeLogged(logged())}`,
    );
  }

  private async sync(state: TrustState): Promise<SignedDirectoryHead> {
    const head = await syncDirectoryLog(this.api, state);
    await this.trust.save(state);
    return head;
  }
}

function sameVersion(a: TrustedVersion | undefined, b: TrustedVersion): boolean {
  return a?.keyVersion === b.keyVersion && a.fingerprint === b.fingerprint;
}

/** The first served version whose record has this fingerprint; a record that does not parse has none. */
async function versionWithFingerprint(served: readonly unknown[], fingerprint: string): Promise<number | undefined> {
  for (const [index, version] of served.entries()) {
    let record: OrgPublicKeyRecord;
    try {
      record = parsePublicKeyRecord((version as { record?: unknown } | null)?.record);
    } catch {
      continue;
    }
    if ((await orgKeysFingerprint(record)) === fingerprint) return index + 1;
  }
  return undefined;
}

function isNotAnchored(error: unknown): boolean {
  return error instanceof KeyHistoryError && error.problem === 'not-anchored';
}

function noVersionWith(orgId: string, fingerprint: string): CliError {
  return untrustedKey(orgId, `no key version of ${orgId} in the directory has the fingerprint ${fingerprint}`);
}

function describeLogged(logged: TrustedVersion | undefined): string {
  return logged ? ` (the log's newest is version ${logged.keyVersion}, fingerprint ${logged.fingerprint})` : '';
}

function historyProblem(orgId: string, error: KeyHistoryError, pin: TrustedVersion | undefined): string {
  if (error.problem === 'not-anchored')
    return (
      `${orgId}'s keys in the directory are not the ones this CLI trusts: version ${error.keyVersion} was ` +
      `${pin?.fingerprint ?? 'pinned'} and is different now`
    );
  const previous = error.keyVersion - 1;
  return `${orgId}'s key version ${error.keyVersion} in the directory is not signed by its version ${previous}`;
}

function untrustedKey(orgId: string, problem: string): CliError {
  return new CliError(
    CLI_ERROR_CODES.KEY_UNTRUSTED,
    `${problem}. Nothing was sealed to or verified with these keys. Compare fingerprints with ${orgId} out of ` +
      `band (keys show ${orgId}), then, if they confirm: keys trust ${orgId} <fingerprint>`,
  );
}
