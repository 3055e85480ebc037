import { type JsonValue } from '@app/crypto';
import { requiredString } from '../args/option-values';
import { erasureOf } from '../api/cases-api';
import { type Command, json } from './command';

export const caseErasureStatus: Command = {
  name: 'case erasure-status',
  summary: "An erased case's tombstone: legal basis, when, and which services have confirmed their purge.",
  note: 'Needs an org_admin token. `complete` is true once every service that held a copy has purged it.',
  options: [{ flags: '--case <caseId>', description: 'the erased case', required: true }],
  arguments: [],
  async run({ values }, context) {
    return json((await erasureOf(context.intake(), requiredString(values, 'case'))) as JsonValue);
  },
};
