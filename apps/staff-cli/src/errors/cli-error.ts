/**
 * Errors of the CLI itself, with stable codes a script or a test can branch
 * on. The SDK's CryptoError (CRYPTO.*) and the server's problem codes are
 * reported as they are; these cover what happens in between.
 */
export const CLI_ERROR_CODES = {
  USAGE: 'CLI.USAGE',
  CONFIG: 'CLI.CONFIG',
  KEYFILE_EXISTS: 'CLI.KEYFILE_EXISTS',
  FILE: 'CLI.FILE',
  INPUT_INVALID: 'CLI.INPUT_INVALID',
  /** A section file that is not JSON, or not content its section's schema accepts; nothing was sealed. */
  INVALID_CONTENT: 'CLI.INVALID_CONTENT',
  INTAKE_UNREACHABLE: 'CLI.INTAKE_UNREACHABLE',
  UNEXPECTED_RESPONSE: 'CLI.UNEXPECTED_RESPONSE',
  NOT_FOUND: 'CLI.NOT_FOUND',
  RECEIPT_INVALID: 'CLI.RECEIPT_INVALID',
  ACCESS_LOG_BROKEN: 'CLI.ACCESS_LOG_BROKEN',
  /** An organization's keys in the directory are not the ones this CLI trusts (changed, unchained, not logged). */
  KEY_UNTRUSTED: 'CLI.KEY_UNTRUSTED',
  /** The key directory's log or signing key is not the one this CLI verified before (rewritten, forked, replaced). */
  DIRECTORY_UNTRUSTED: 'CLI.DIRECTORY_UNTRUSTED',
  PARTIAL_FAILURE: 'CLI.PARTIAL_FAILURE',
  INTERNAL: 'CLI.INTERNAL',
  /** No consent grant in force covers the organization for that purpose and section (names which are missing). */
  GRANT_MISSING: 'CLI.GRANT_MISSING',
  /** A section's key version is retired (withdrawal, expiry): write it again (section put) before sharing it. */
  SECTION_ROTATION_REQUIRED: 'CLI.SECTION_ROTATION_REQUIRED',
} as const;

export type CliErrorCode = (typeof CLI_ERROR_CODES)[keyof typeof CLI_ERROR_CODES];

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Where a section file breaks its schema, and how; never the values (the file is case content). */
export type ContentIssue = {
  readonly path: string;
  readonly message: string;
};

export class InvalidContentError extends CliError {
  constructor(
    what: string,
    readonly issues: readonly ContentIssue[],
  ) {
    super(
      CLI_ERROR_CODES.INVALID_CONTENT,
      `${what}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
  }
}

/** An error answer from intake: its problem+json `code` (or HTTP.<status>), kept for callers to branch on. */
export class IntakeError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
