import { requiredString } from '../args/option-values';
import { publishDirectoryEntry } from '../api/directory-api';
import { readJsonFile } from '../files/private-file';
import { type Command, json } from './command';

export const directoryPublish: Command = {
  name: 'directory publish',
  summary:
    "Publish or replace this organization's directory entry (org_admin); everything in it is visible to every " +
    'organization.',
  note:
    'The file: {displayName, services, practiceScopes, languages, regionsServed, nationwide, ' +
    'acceptingReferrals, referralCapacity, version?} (apps/staff-cli/README.md).',
  options: [{ flags: '--file <path>', description: 'the profile as JSON', required: true }],
  arguments: [],
  async run({ values }, context) {
    const profile = await readJsonFile(requiredString(values, 'file'), 'profile file');
    // Intake validates the vocabulary; the profile is public by design.
    return json(await publishDirectoryEntry(context.intake(), profile));
  },
};
