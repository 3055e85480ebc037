import { type JsonValue } from '@app/crypto';
import { CaseErasedV1 } from '@app/contracts';
import { requiredString } from '../args/option-values';
import { eraseCase } from '../api/cases-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

const LEGAL_BASES: readonly string[] = CaseErasedV1.data.shape.legalBasis.options;

export const caseErase: Command = {
  name: 'case erase',
  summary:
    'Erase a case for good (an ARCO cancellation, the end of retention, a court order): intake deletes its ' +
    'sections, envelopes, routing, grants and signed consents, and every service purges its copy.',
  note:
    'Cannot be undone. --confirm must repeat the case id. Needs an org_admin token. The client can still read the ' +
    "case's access log with a receipt code; `case erasure-status` shows which services have purged.",
  options: [
    { flags: '--case <caseId>', description: 'the case to erase', required: true },
    { flags: '--legal-basis <basis>', description: `why: ${LEGAL_BASES.join(', ')}`, required: true },
    { flags: '--confirm <caseId>', description: 'the same case id again, to confirm', required: true },
  ],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const legalBasis = requiredString(values, 'legal-basis');
    if (!LEGAL_BASES.includes(legalBasis))
      throw new CliError(CLI_ERROR_CODES.USAGE, `--legal-basis: expected one of ${LEGAL_BASES.join(', ')}`);
    // Checked before anything is sent: an erasure of the wrong case cannot be taken back.
    if (requiredString(values, 'confirm') !== caseId)
      throw new CliError(CLI_ERROR_CODES.USAGE, '--confirm must repeat the case id given with --case');
    return json((await eraseCase(context.intake(), caseId, legalBasis)) as JsonValue);
  },
};
