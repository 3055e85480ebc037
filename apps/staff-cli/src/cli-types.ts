import { type JsonValue, type KeyfileLimits, type OpenedKeyfile } from '@app/crypto';

/** Environment variables the CLI reads (process.env, or an object in tests). */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** What a test may replace; production uses the defaults. */
export interface CliDeps {
  /** Defaults to Node's global fetch. */
  readonly fetch?: typeof fetch;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
  /**
   * Argon2id cost for new keyfiles and for re-sealing one below the SDK's floor; defaults to the SDK's
   * staff-laptop cost. Tests pass the floor.
   */
  readonly keyfileLimits?: KeyfileLimits;
  /**
   * Defaults to the SDK's openKeyfile. Tests pass a memo of it: a user runs one command per process and pays
   * one Argon2id derivation, a test runs hundreds against the same few files.
   */
  readonly openKeyfile?: (file: unknown, passphrase: string) => Promise<OpenedKeyfile>;
  /** Per-request timeout against intake, ms; defaults to 30 s. */
  readonly requestTimeoutMs?: number;
}

export interface CliResult {
  readonly exitCode: 0 | 1;
  /** JSON (one document) or, when asked for with --stdout, a section's plaintext. */
  readonly stdout: string;
  /**
   * Notices first, one JSON line `{notice, message}` each (a keyfile re-sealed); then, on failure, one
   * JSON line `{error, message, ...}`. Empty on a success with nothing to say.
   */
  readonly stderr: string;
}

/** One option as commander declares it; its value reaches `run` under its long name (`out-dir`, not `outDir`). */
export interface OptionSpec {
  /** commander's flags: `--case <caseId>` takes a value (always the next word, even `-abc`), `--stdout` does not. */
  readonly flags: string;
  readonly description: string;
  /** Refused by commander when absent, with its own message. */
  readonly required?: boolean;
  /** Long names of options it cannot be combined with. */
  readonly conflicts?: readonly string[];
}

export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
}

/** Option values by long name (`out-dir`): a string for an option that takes a value, true for a switch. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandInput {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** A command's result: JSON for stdout, or text the user asked to see (a plaintext with --stdout). */
export type CommandOutput =
  | {
      readonly kind: 'json';
      readonly value: JsonValue;
      readonly failure?: { readonly code: string; readonly message: string };
    }
  | { readonly kind: 'text'; readonly text: string };
