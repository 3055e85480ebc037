import { type JsonValue } from '@app/crypto';
import { requiredString } from '../args/option-values';
import { openCase } from '../api/cases-api';
import { readJsonFile } from '../files/private-file';
import { type Command, json } from './command';

export const caseOpen: Command = {
  name: 'case open',
  summary: 'Open a case with routing metadata only (country, region, need categories, urgency, languages).',
  options: [
    { flags: '--routing <file>', description: 'the routing object as JSON (apps/staff-cli/README.md)', required: true },
  ],
  arguments: [],
  async run({ values }, context) {
    const routing = await readJsonFile(requiredString(values, 'routing'), 'routing file');
    // Intake validates the routing vocabulary; its answer holds no protected content.
    return json((await openCase(context.intake(), routing)) as JsonValue);
  },
};
