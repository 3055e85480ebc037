import { CryptoError, type SectionName, isSectionName, requireReferralNoteText, utf8Decode } from '@app/crypto';
import { NEED_CATEGORIES } from '@app/contracts';
import { optionalList, optionalString, requiredString } from '../args/option-values';
import { optionalRespondBy, requiredChoice } from '../args/referral-options';
import { requiredPurpose } from '../args/vocabulary-options';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { readInputFile } from '../files/private-file';
import { createReferral } from '../referrals/create-referral';
import { type Command, json } from './command';

/** Intake's bound on `respondBy` (its default is 7 days). */
const MAX_RESPOND_DAYS = 30;

export const referralCreate: Command = {
  name: 'referral create',
  summary:
    'Refer sections of a case to a partner: checks the consent grants cover it, seals each section key and the ' +
    'note to its trusted key; it sees a teaser until it accepts.',
  note:
    'The partner must be granted every section for --purpose (a grant with action disclose: such sections reach ' +
    'it only through a referral). Find partners with directory search; compare fingerprints with keys show.',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--partner <orgId>', description: 'the organization referred to', required: true },
    {
      flags: '--purpose <purpose>',
      description: 'the purpose of the referral (legal_representation, ...)',
      required: true,
    },
    { flags: '--sections <list>', description: 'comma-separated sections disclosed on acceptance', required: true },
    { flags: '--need <category>', description: `the teaser's need: ${NEED_CATEGORIES.join(', ')}`, required: true },
    { flags: '--respond-by <time>', description: `RFC 3339; default 7 days, at most ${MAX_RESPOND_DAYS} ahead` },
    { flags: '--note-file <path>', description: 'a short note for the partner (UTF-8, up to 1000 characters)' },
  ],
  arguments: [],
  async run({ values }, context) {
    const sections = optionalList<SectionName>(values, 'sections', isSectionName) ?? [];
    if (new Set(sections).size !== sections.length)
      throw new CliError(CLI_ERROR_CODES.USAGE, '--sections: a section is listed twice');
    const noteFile = optionalString(values, 'note-file');
    const created = await createReferral(context, {
      caseId: requiredString(values, 'case'),
      partnerOrgId: requiredString(values, 'partner'),
      purpose: requiredPurpose(values),
      sections,
      needCategory: requiredChoice(values, 'need', NEED_CATEGORIES),
      ...withValue('respondBy', optionalRespondBy(values, context.now(), MAX_RESPOND_DAYS)),
      ...withValue('note', noteFile === undefined ? undefined : await readNote(noteFile)),
    });
    return json({
      ...created.referral,
      sealedTo: { orgId: created.referral.partnerOrgId, keyVersion: created.partnerKeyVersion },
      envelopes: created.sealed.map((s) => ({ ...s })),
    });
  },
};

function withValue<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** The note's text, checked as the SDK will seal it; the line break an editor leaves at the end is not part of it. */
async function readNote(path: string): Promise<string> {
  const bytes = await readInputFile(path, 'note file');
  let text: string;
  try {
    text = utf8Decode(bytes).replace(/\r?\n+$/, '');
  } catch {
    throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, 'note file: not UTF-8 text');
  } finally {
    bytes.fill(0);
  }
  try {
    return requireReferralNoteText(text, 'note file');
  } catch (error) {
    if (error instanceof CryptoError) throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, error.message);
    throw error;
  }
}
