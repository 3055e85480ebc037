import { ENV } from './context/config';

/**
 * How the CLI is started from the repository (package.json's `cli` script); there is no installed binary, so this
 * is the program name commander puts in every usage line.
 */
export const INVOCATION = 'npm run -s cli --';

export const PROGRAM_SUMMARY =
  "An organization's staff tool over intake: keys, cases, sections, consent receipts, the access log and referrals. " +
  'Encryption, decryption and signing happen here; intake only receives ciphertext and signed records.';

/** The first word of each command; commander lists these at the top level. */
export const GROUP_SUMMARIES: Readonly<Record<string, string>> = {
  keys: "The organization's key pairs: create, register, rotate; compare, pin and trust other organizations'.",
  case: 'Open a case, or fetch every section it holds for a purpose.',
  section: 'Write or read one section of a case.',
  consent: "Sign and store a client's consent, or withdraw an organization's grant.",
  receipt: "Verify what a client's receipt code shows.",
  'access-log': "Verify a case's access log.",
  directory: 'Find service providers to refer a case to, or publish your own entry.',
  referral: 'Refer sections of a case to a partner, and answer, follow or close referrals.',
};

export const PROGRAM_HELP_FOOTER = `
Environment:
  ${ENV.INTAKE_URL}   intake's base URL (or --intake)
  ${ENV.TOKEN}        bearer token for intake
  ${ENV.PASSPHRASE}   the keyfile's passphrase (never an argument)
  ${ENV.KEYFILE}      the organization's keyfile (or --keyfile)

Output: JSON on stdout; on failure one JSON line {error, message} on stderr and exit code 1.
A command's options: ${INVOCATION} <command> <subcommand> --help`;
