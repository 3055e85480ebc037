import { KEYFILE_DEFAULT_LIMITS, type KeyfileLimits, type OrgKeys, latestKeys } from '@app/crypto';
import { type CliDeps, type CliEnv, type OptionValues } from '../cli-types';
import { KeyDirectory } from '../directory/key-directory';
import { TrustStore } from '../directory/trust-store';
import { IntakeClient } from '../http/intake-client';
import { type CliNotice, resealNotice } from '../errors/cli-notice';
import { type LoadedKeyfile, loadKeyfile } from '../keyfile/keyfile-store';
import { SeenVersions } from '../sections/seen-versions';
import { bearerToken, intakeBaseUrl, keyfilePath, keyfilePathIfGiven, passphrase } from './config';
import { tokenSubject } from './token-subject';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * What a command may use, resolved only when it asks: `keys init` needs no
 * intake URL and `receipt verify` no keyfile, so neither is required of them.
 */
export class CliContext {
  readonly now: () => Date;
  readonly keyfileLimits: KeyfileLimits;
  private opened?: Promise<LoadedKeyfile>;
  private directoryClient?: KeyDirectory;

  constructor(
    readonly env: CliEnv,
    private readonly values: OptionValues,
    private readonly deps: CliDeps,
    /** Said on stderr after the command, whatever its outcome. */
    readonly notices: CliNotice[] = [],
  ) {
    this.now = deps.now ?? ((): Date => new Date());
    this.keyfileLimits = deps.keyfileLimits ?? KEYFILE_DEFAULT_LIMITS;
  }

  /** Intake with the caller's bearer token. */
  intake(): IntakeClient {
    return this.client(bearerToken(this.env));
  }

  /** Intake without credentials, for public endpoints. */
  publicIntake(): IntakeClient {
    return this.client(undefined);
  }

  /** The key directory as this CLI trusts it: pins beside the keyfile, or for this run only without one. */
  directory(): KeyDirectory {
    this.directoryClient ??= new KeyDirectory(this.intake(), this.trustStore());
    return this.directoryClient;
  }

  /** The token's subject: the staff member a consent record names as collector. */
  staffSub(): string {
    return tokenSubject(bearerToken(this.env));
  }

  keyfilePath(): string {
    return keyfilePath(this.values, this.env);
  }

  /** The newest section versions this organization has opened or written (beside the keyfile). */
  seenVersions(): SeenVersions {
    return SeenVersions.besideKeyfile(this.keyfilePath());
  }

  private trustStore(): TrustStore {
    const keyfile = keyfilePathIfGiven(this.values, this.env);
    return keyfile === undefined ? TrustStore.forThisRun() : TrustStore.besideKeyfile(keyfile);
  }

  passphrase(): string {
    return passphrase(this.env);
  }

  /** The organization's key versions, opened once per run (and re-sealed at keyfileLimits if below the floor). */
  keyfile(): Promise<LoadedKeyfile> {
    this.opened ??= loadKeyfile(this.keyfilePath(), this.passphrase(), this.keyfileLimits, this.deps.openKeyfile).then(
      (loaded) => {
        if (loaded.reseal) this.notices.push(resealNotice(loaded.reseal));
        return loaded;
      },
    );
    return this.opened;
  }

  async keyRing(): Promise<{ ring: OrgKeys[]; current: OrgKeys }> {
    const { ring } = await this.keyfile();
    return { ring, current: latestKeys(ring) };
  }

  private client(token: string | undefined): IntakeClient {
    return new IntakeClient({
      baseUrl: intakeBaseUrl(this.values, this.env),
      ...(token === undefined ? {} : { token }),
      fetch: this.deps.fetch ?? globalThis.fetch,
      timeoutMs: this.deps.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  }
}
