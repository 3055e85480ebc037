import { displayName, parseSectionContent } from '..';
import { VALID_CONTENT } from './test-factories';

const base = VALID_CONTENT.identity;
const issuesOf = (value: unknown): { path: string; message: string }[] => {
  const result = parseSectionContent('identity', value);
  return result.ok ? [] : [...result.issues];
};

describe('identity content', () => {
  it('takes a legal name whole, with no given/family split', () => {
    expect(issuesOf({ schemaVersion: 1, legalName: { full: 'Nguyễn Thị Minh Khai' } })).toEqual([]);
    expect(issuesOf({ schemaVersion: 1, legalName: { given: 'Ana' } })).toEqual([
      { path: '$.legalName.full', message: 'required' },
    ]);
  });

  it('takes gender identities beyond a binary, several at once, and in the person’s own words', () => {
    for (const terms of [['non_binary'], ['muxe'], ['travesti'], ['two_spirit'], ['trans_man', 'man'], ['agender']])
      expect(issuesOf({ ...base, genderIdentity: { terms } })).toEqual([]);
    expect(issuesOf({ ...base, genderIdentity: { selfDescription: 'marica, y con orgullo' } })).toEqual([]);
  });

  it('refuses a gender term outside the vocabulary, naming the vocabulary and not the value', () => {
    const issues = issuesOf({ ...base, genderIdentity: { terms: ['CANARY-term'] } });
    expect(issues).toEqual([
      { path: '$.genderIdentity.terms[0]', message: expect.stringContaining('non_binary') as string },
    ]);
    expect(JSON.stringify(issues)).not.toContain('CANARY');
  });

  it('wants terms or a self-description, and prefer_not_to_say alone', () => {
    expect(issuesOf({ ...base, genderIdentity: {} })).toEqual([
      { path: '$.genderIdentity', message: 'expected terms, a self-description, or both' },
    ]);
    expect(issuesOf({ ...base, genderIdentity: { terms: ['prefer_not_to_say'] } })).toEqual([]);
    expect(issuesOf({ ...base, genderIdentity: { terms: ['woman', 'prefer_not_to_say'] } })).toEqual([
      { path: '$.genderIdentity.terms', message: 'prefer_not_to_say cannot be combined with other terms' },
    ]);
    expect(issuesOf({ ...base, genderIdentity: { terms: ['woman', 'woman'] } })).toEqual([
      { path: '$.genderIdentity.terms', message: 'must not repeat a value' },
    ]);
  });

  it('takes pronouns from the common values, in free text, or both', () => {
    expect(issuesOf({ ...base, pronouns: { terms: ['elle'] } })).toEqual([]);
    expect(issuesOf({ ...base, pronouns: { selfDescription: 'xe/xem' } })).toEqual([]);
    expect(issuesOf({ ...base, pronouns: 'she/her' })).toEqual([{ path: '$.pronouns', message: 'expected an object' }]);
  });

  it('checks dates, countries and statelessness', () => {
    expect(issuesOf({ ...base, dateOfBirth: '1996-02-30' })).toEqual([
      { path: '$.dateOfBirth', message: 'expected a full date, YYYY-MM-DD' },
    ]);
    expect(issuesOf({ ...base, nationality: { countries: ['XK'] } })).toEqual([
      { path: '$.nationality.countries[0]', message: 'expected an ISO 3166-1 alpha-2 country code' },
    ]);
    expect(issuesOf({ ...base, nationality: { countries: [], stateless: true } })).toEqual([]);
    expect(issuesOf({ ...base, nationality: { countries: ['SV'], stateless: true } })).toEqual([
      { path: '$.nationality.countries', message: 'a stateless person has no nationality to list' },
    ]);
    const documents = [{ type: 'passport', issuedOn: '2024-01-01', expiresOn: '2023-01-01' }];
    expect(issuesOf({ ...base, documents })).toEqual([
      { path: '$.documents[0].expiresOn', message: 'expiresOn is before issuedOn' },
    ]);
  });

  it('refuses blank names, names over the bound and names with control characters', () => {
    expect(issuesOf({ ...base, chosenName: '   ' })).toEqual([
      { path: '$.chosenName', message: 'expected one line of text, not blank' },
    ]);
    expect(issuesOf({ ...base, chosenName: 'a'.repeat(301) })).toEqual([
      { path: '$.chosenName', message: 'expected at most 300 characters' },
    ]);
    expect(issuesOf({ ...base, chosenName: 'Vale\nria' })).toHaveLength(1);
  });
});

describe('displayName', () => {
  it('is the chosen name when there is one', () => {
    expect(displayName(base)).toBe('Valeria Ruiz');
  });

  it('is the legal name only when there is no chosen name', () => {
    expect(displayName({ legalName: { full: 'Ana Pérez' } })).toBe('Ana Pérez');
  });
});
