import { optionalList, requiredString } from '../args/option-values';
import { isPurpose, requiredSection } from '../args/vocabulary-options';
import { readInputFile } from '../files/private-file';
import { writeSection } from '../sections/write-section';
import { type Command, json } from './command';

export const sectionPut: Command = {
  name: 'section put',
  summary:
    "Check a file against its section's schema (docs/section-content), encrypt it as the section's new version, " +
    'and seal it to the organizations the case consents grant it to.',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--section <name>', description: 'a section of the catalog (identity, health, ...)', required: true },
    {
      flags: '--file <path>',
      description: "the section's content: JSON its schema accepts (docs/section-content/<section>.schema.json)",
      required: true,
    },
    {
      flags: '--purpose-recipients <purposes>',
      description: 'comma-separated purposes: seal only to organizations granted one of them',
    },
  ],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const section = requiredSection(values);
    const purposes = optionalList(values, 'purpose-recipients', isPurpose);
    const plaintext = await readInputFile(requiredString(values, 'file'), 'section file');
    try {
      const outcome = await writeSection(context, { caseId, section, plaintext, ...(purposes ? { purposes } : {}) });
      // What we wrote is the newest version we know of: a later read must not get an older one.
      await context.seenVersions().raise(caseId, section, outcome);
      return json(outcome);
    } finally {
      plaintext.fill(0);
    }
  },
};
