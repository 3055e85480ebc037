// Drives the staff CLI in-process as one organization's staff member would:
// its own keyfile, token and passphrase, against a FakeIntake.
import { KEYFILE_MIN_LIMITS } from '@app/crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli';
import { type CliResult } from '../src/cli-types';
import { fakeToken } from './fake-http';
import { memoizedOpenKeyfile } from './keyfile-memo';
import { type FakeIntake } from './fake-intake';

/** The cheapest Argon2id the SDK seals at (its floor): these tests are about the flows, not the cost. */
export const FLOOR_KDF = KEYFILE_MIN_LIMITS;
export const PASSPHRASE = 'correct horse battery staple';

export class StaffSession {
  private constructor(
    readonly orgId: string,
    readonly dir: string,
    private readonly intake: FakeIntake,
  ) {}

  static async create(orgId: string, intake: FakeIntake): Promise<StaffSession> {
    return new StaffSession(orgId, await mkdtemp(join(tmpdir(), `staff-cli-${orgId}-`)), intake);
  }

  get keyfile(): string {
    return join(this.dir, 'keys.json');
  }

  env(): Record<string, string> {
    return {
      REFUGIO_INTAKE_URL: this.intake.baseUrl,
      REFUGIO_TOKEN: fakeToken(this.orgId),
      REFUGIO_PASSPHRASE: PASSPHRASE,
    };
  }

  run(...argv: string[]): Promise<CliResult> {
    return runCli([...argv, '--keyfile', this.keyfile], this.env(), {
      fetch: this.intake.fetch,
      keyfileLimits: FLOOR_KDF,
      openKeyfile: memoizedOpenKeyfile,
    });
  }

  /** Runs a command that must succeed, and parses its JSON output. */
  async ok<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
    const result = await this.run(...argv);
    if (result.exitCode !== 0) throw new Error(`${argv.slice(0, 2).join(' ')} failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  /** keys init + keys register. */
  async enroll(): Promise<this> {
    await this.ok('keys', 'init', '--org', this.orgId);
    await this.ok('keys', 'register');
    return this;
  }
}
