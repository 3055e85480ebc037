import { utf8Decode } from '@app/crypto';
import { flag, optionalString, requiredString } from '../args/option-values';
import { requiredPurpose, requiredSection } from '../args/vocabulary-options';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { createPrivateFile } from '../files/private-file';
import { readSection, sectionSummary } from '../sections/read-section';
import { type Command, json } from './command';

export const sectionGet: Command = {
  name: 'section get',
  summary:
    "Fetch a section for a purpose, verify its author's signature and decrypt " +
    'it. Plaintext only to --out (new file, 0600) or --stdout.',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--section <name>', description: 'a section of the catalog (identity, health, ...)', required: true },
    { flags: '--purpose <purpose>', description: 'the purpose the section is read for', required: true },
    { flags: '--out <path>', description: 'write the plaintext to this new file (0600)', conflicts: ['stdout'] },
    { flags: '--stdout', description: 'print the plaintext (UTF-8 text only)' },
  ],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const section = requiredSection(values);
    const purpose = requiredPurpose(values);
    const out = optionalString(values, 'out');
    const toStdout = flag(values, 'stdout');

    const { record, plaintext } = await readSection(context, caseId, section, purpose);
    try {
      if (toStdout) return { kind: 'text', text: asText(plaintext) };
      if (out !== undefined) await createPrivateFile(out, plaintext, 'output file');
      return json({
        ...sectionSummary(record, plaintext.length),
        verified: true,
        ...(out === undefined ? {} : { out }),
      });
    } finally {
      plaintext.fill(0);
    }
  },
};

function asText(plaintext: Uint8Array): string {
  try {
    return utf8Decode(plaintext);
  } catch {
    throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, 'the section is not UTF-8 text; use --out <file>');
  }
}
