import { directoryEntry } from '../api/directory-api';
import { type Command, json } from './command';

export const directoryShow: Command = {
  name: 'directory show',
  summary: "An organization's directory entry: services, scopes, languages, regions and open referral capacity.",
  options: [],
  arguments: [{ name: 'orgId', description: 'the organization' }],
  async run({ positionals }, context) {
    return json(await directoryEntry(context.intake(), positionals[0] ?? ''));
  },
};
