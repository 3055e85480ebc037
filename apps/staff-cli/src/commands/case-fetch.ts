import { type Purpose } from '@app/crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { requiredString } from '../args/option-values';
import { requiredPurpose } from '../args/vocabulary-options';
import { listSections } from '../api/sections-api';
import { type CliContext } from '../context/cli-context';
import { errorLine } from '../errors/format-error';
import { CLI_ERROR_CODES } from '../errors/cli-error';
import { createPrivateFile } from '../files/private-file';
import { readSection, sectionSummary } from '../sections/read-section';
import { type Command } from './command';

type FetchedSection = { [key: string]: string | number | boolean };

export const caseFetch: Command = {
  name: 'case fetch',
  summary:
    'Fetch, verify and decrypt every section the organization may see for a ' +
    'purpose, one new 0600 file per section in --out-dir.',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--purpose <purpose>', description: 'the purpose the section is read for', required: true },
    { flags: '--out-dir <directory>', description: 'where to write one file per section', required: true },
  ],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const purpose = requiredPurpose(values);
    const outDir = requiredString(values, 'out-dir');
    await mkdir(outDir, { recursive: true, mode: 0o700 });
    const summaries = await listSections(context.intake(), caseId, purpose);
    const sections: FetchedSection[] = [];
    for (const { section } of summaries)
      sections.push(await fetchOne(context, caseId, section, purpose, join(outDir, section)));
    const failed = sections.filter((s) => s.ok !== true).length;
    const value = { caseId, purpose, outDir, sections };
    // Each section stands alone: one that fails verification does not hide the others, but the run fails.
    return failed === 0
      ? { kind: 'json', value }
      : {
          kind: 'json',
          value,
          failure: {
            code: CLI_ERROR_CODES.PARTIAL_FAILURE,
            message: `${failed} of ${sections.length} sections could not be verified or written`,
          },
        };
  },
};

async function fetchOne(
  context: CliContext,
  caseId: string,
  section: Parameters<typeof readSection>[2],
  purpose: Purpose,
  path: string,
): Promise<FetchedSection> {
  try {
    const { record, plaintext } = await readSection(context, caseId, section, purpose);
    try {
      await createPrivateFile(path, plaintext, 'output file');
      return { ...sectionSummary(record, plaintext.length), ok: true, out: path };
    } finally {
      plaintext.fill(0);
    }
  } catch (error) {
    const line = errorLine(error);
    return { section, ok: false, error: line.error, message: line.message };
  }
}
