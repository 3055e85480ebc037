import { PRACTICE_SCOPES, PROVIDER_SERVICES, REGION_CODES } from '@app/contracts';
import { flag, optionalString } from '../args/option-values';
import { optionalChoice, optionalLimit } from '../args/referral-options';
import { searchProviders } from '../api/directory-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

const MAX_PAGE = 100;

export const directorySearch: Command = {
  name: 'directory search',
  summary: 'Search the directory of service providers, best fit first, for a partner to refer a case to.',
  note:
    "Each entry's keys and fingerprints are intake's word: referral create seals only to the keys this CLI's key " +
    'directory verified (compare fingerprints with keys show <orgId> before a first referral).',
  options: [
    { flags: '--service <service>', description: PROVIDER_SERVICES.join(', ') },
    { flags: '--scope <scope>', description: 'scope of practice: ' + PRACTICE_SCOPES.join(', ') },
    { flags: '--region <code>', description: 'ISO 3166-2 subdivision served (US-CA, MX-CHP)' },
    { flags: '--language <code>', description: 'ISO 639-1 language (es, en)' },
    { flags: '--open', description: 'only providers that could accept a referral now' },
    { flags: '--limit <n>', description: `page size, 1 to ${MAX_PAGE}` },
    { flags: '--cursor <cursor>', description: 'nextCursor of the previous page' },
  ],
  arguments: [],
  async run({ values }, context) {
    const service = optionalChoice(values, 'service', PROVIDER_SERVICES);
    const scope = optionalChoice(values, 'scope', PRACTICE_SCOPES);
    const region = optionalString(values, 'region');
    if (region !== undefined && !(REGION_CODES as readonly string[]).includes(region))
      throw new CliError(CLI_ERROR_CODES.USAGE, '--region: expected an ISO 3166-2 subdivision code of MX or US');
    const language = optionalString(values, 'language');
    if (language !== undefined && !/^[a-z]{2}$/.test(language))
      throw new CliError(CLI_ERROR_CODES.USAGE, '--language: expected an ISO 639-1 code');
    const limit = optionalLimit(values, MAX_PAGE);
    const cursor = optionalString(values, 'cursor');
    const page = await searchProviders(context.intake(), {
      ...(service ? { service } : {}),
      ...(scope ? { scope } : {}),
      ...(region ? { region } : {}),
      ...(language ? { language } : {}),
      ...(flag(values, 'open') ? { withOpenCapacity: true } : {}),
      ...(limit === undefined ? {} : { limit }),
      ...(cursor ? { cursor } : {}),
    });
    return json({ items: [...page.items], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  },
};
