import { type KeyfileLimits } from '@app/crypto';
import { type ResealOutcome } from '../keyfile/keyfile-reseal';

/**
 * What a command tells the user besides its result: one JSON line each on
 * stderr, `{notice, message}`, on success and failure alike, so stdout stays
 * the command's one JSON document.
 */
export const CLI_NOTICE_CODES = {
  KEYFILE_RESEALED: 'CLI.KEYFILE_RESEALED',
  KEYFILE_BELOW_FLOOR: 'CLI.KEYFILE_BELOW_FLOOR',
} as const;

export type CliNoticeCode = (typeof CLI_NOTICE_CODES)[keyof typeof CLI_NOTICE_CODES];

export interface CliNotice {
  readonly notice: CliNoticeCode;
  readonly message: string;
}

export function resealNotice(outcome: ResealOutcome): CliNotice {
  if (outcome.kind === 'resealed') {
    return {
      notice: CLI_NOTICE_CODES.KEYFILE_RESEALED,
      message:
        `keyfile: re-sealed in place at Argon2id ${cost(outcome.to)}; it was sealed at ${cost(outcome.from)}, ` +
        'below the floor. Same keys and passphrase; older copies of the file (backups) are still the weak one.',
    };
  }
  return {
    notice: CLI_NOTICE_CODES.KEYFILE_BELOW_FLOOR,
    message:
      `keyfile: sealed at Argon2id ${cost(outcome.from)}, below the floor; it could not be re-sealed ` +
      `(${outcome.reason}) and was left as it was. The next command tries again.`,
  };
}

function cost(limits: KeyfileLimits): string {
  const mib = limits.memlimit / (1024 * 1024);
  const memory = Number.isInteger(mib) ? `${mib} MiB` : `${Math.round(limits.memlimit / 1024)} KiB`;
  return `${limits.opslimit} ${limits.opslimit === 1 ? 'pass' : 'passes'} over ${memory}`;
}
