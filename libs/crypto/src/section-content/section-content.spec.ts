import { CASE_SECTIONS, NEED_CATEGORIES as CONTRACT_NEEDS, URGENCIES as CONTRACT_URGENCIES } from '@app/contracts';
import {
  COUNTRY_CODES,
  MAX_LISTED_ISSUES,
  SECTIONS,
  SECTION_CONTENT_SCHEMAS,
  type SectionName,
  SectionContentError,
  decodeSectionContent,
  encodeSectionContent,
  parseSectionContent,
  sectionContentJsonSchema,
  utf8Decode,
  utf8Encode,
} from '..';
import { NEED_CATEGORIES, URGENCIES } from './routing-vocabulary';
import { VALID_CONTENT } from './test-factories';

const issuesOf = (section: SectionName, value: unknown): { path: string; message: string }[] => {
  const result = parseSectionContent(section, value);
  return result.ok ? [] : [...result.issues];
};

/** Invalid content per section, each with the one issue it must produce. */
const INVALID: { [S in SectionName]: [value: object, path: string][] } = {
  identity: [[{ ...VALID_CONTENT.identity, legalName: 'CANARY Ruiz' }, '$.legalName']],
  contact: [
    [{ schemaVersion: 1, phones: [{ number: '961 123 4567 CANARY' }] }, '$.phones[0].number'],
    [{ schemaVersion: 1, emails: [{ address: 'CANARY-at-example' }] }, '$.emails[0].address'],
    [{ schemaVersion: 1, preferredChannel: 'sms', doNotUse: ['sms'] }, '$.preferredChannel'],
  ],
  sogiesc: [
    [{ schemaVersion: 1, sexualOrientation: { terms: ['CANARY'] } }, '$.sexualOrientation.terms[0]'],
    [{ schemaVersion: 1, sexCharacteristics: { intersex: true } }, '$.sexCharacteristics.intersex'],
  ],
  protection: [
    [{ schemaVersion: 1, incidents: [{ place: 'CANARY town' }] }, '$.incidents[0].description'],
    [{ schemaVersion: 1, risks: [{ kind: 'trafficking', level: 'CANARY' }] }, '$.risks[0].level'],
  ],
  health: [
    [{ schemaVersion: 1, hivCare: { status: 'negative', onTreatment: true } }, '$.hivCare.onTreatment'],
    [{ schemaVersion: 1, medications: [{ name: 'CANARY', supplyUntil: 'June' }] }, '$.medications[0].supplyUntil'],
  ],
  legal: [
    [{ schemaVersion: 1, identifiers: { aNumber: 'CANARY-123' } }, '$.identifiers.aNumber'],
    [{ schemaVersion: 1, procedures: [{ kind: 'asylum', status: 'filed' }] }, '$.procedures[0].kind'],
    [
      {
        schemaVersion: 1,
        procedures: [{ kind: 'comar', status: 'denied', filedOn: '2026-02-02', decidedOn: '2026-01-01' }],
      },
      '$.procedures[0].decidedOn',
    ],
  ],
  family: [
    [{ schemaVersion: 1, members: [{ name: 'CANARY', relationship: 'parent' }] }, '$.members[0].accompanying'],
    [{ schemaVersion: 1 }, '$.members'],
  ],
  needs: [
    [{ schemaVersion: 1, needs: [{ category: 'housing', urgency: 'urgent' }] }, '$.needs[0].category'],
    [
      {
        schemaVersion: 1,
        needs: [
          { category: 'legal', urgency: 'routine' },
          { category: 'legal', urgency: 'urgent' },
        ],
      },
      '$.needs',
    ],
  ],
};

describe('section content schemas', () => {
  it('cover exactly the catalog, the SDK’s and the contracts’', () => {
    expect(Object.keys(SECTION_CONTENT_SCHEMAS)).toEqual([...SECTIONS]);
    expect([...SECTIONS]).toEqual([...CASE_SECTIONS]);
  });

  it('use the routing vocabulary of the contracts', () => {
    expect([...NEED_CATEGORIES]).toEqual([...CONTRACT_NEEDS]);
    expect([...URGENCIES]).toEqual([...CONTRACT_URGENCIES]);
  });

  it('know the 249 assigned ISO 3166-1 codes', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(COUNTRY_CODES.filter((code) => names.of(code) === undefined)).toEqual([]);
  });

  describe.each(SECTIONS)('%s', (section) => {
    it('accepts the valid example, and the smallest content there is', () => {
      expect(issuesOf(section, VALID_CONTENT[section])).toEqual([]);
      const smallest = section === 'identity' ? { schemaVersion: 1, legalName: { full: 'A' } } : { schemaVersion: 1 };
      const required = section === 'family' ? { members: [] } : section === 'needs' ? { needs: [] } : {};
      expect(issuesOf(section, { ...smallest, ...required })).toEqual([]);
    });

    it.each(INVALID[section])('refuses invalid content (%#)', (value, path) => {
      const issues = issuesOf(section, value);
      expect(issues.map((issue) => issue.path)).toEqual([path]);
      expect(JSON.stringify(issues)).not.toContain('CANARY');
    });

    it('refuses unknown fields, at the top and nested, naming only plain field names', () => {
      const content = { ...VALID_CONTENT[section], extra: true, 'CANARY Valeria': 'CANARY' };
      expect(issuesOf(section, content)).toEqual([
        { path: '$.extra', message: 'unknown field' },
        { path: '$', message: 'unknown field (its name is not shown)' },
      ]);
    });

    it('refuses another schema version and anything but an object', () => {
      expect(issuesOf(section, { ...VALID_CONTENT[section], schemaVersion: 2 })).toEqual([
        { path: '$.schemaVersion', message: 'expected 1' },
      ]);
      expect(issuesOf(section, 'CANARY')).toEqual([{ path: '$', message: 'expected an object' }]);
      expect(issuesOf(section, [])).toEqual([{ path: '$', message: 'expected an object' }]);
    });

    it('has a JSON Schema that refuses unknown fields', () => {
      expect(sectionContentJsonSchema(section)).toMatchObject({
        $id: `urn:refugio:section-content:${section}`,
        type: 'object',
        additionalProperties: false,
        required: expect.arrayContaining(['schemaVersion']) as string[],
      });
    });
  });

  it('never echo a submitted value, whatever the issue', () => {
    const canary = 'CANARY-Valeria-Ruiz';
    const everywhere = {
      schemaVersion: canary,
      legalName: { full: canary.repeat(100), given: 7, [canary]: canary },
      chosenName: `${canary}\u0000`,
      pronouns: { terms: [canary] },
      genderIdentity: { terms: ['woman', canary], selfDescription: ['x'] },
      dateOfBirth: canary,
      nationality: { countries: [canary] },
      documents: [{ type: canary, number: { canary } }],
    };
    const issues = issuesOf('identity', everywhere);
    expect(issues.length).toBeGreaterThan(8);
    expect(JSON.stringify(issues)).not.toContain('CANARY');
    const thrown = (): Uint8Array => encodeSectionContent('identity', everywhere);
    expect(thrown).toThrow(SectionContentError);
    expect(thrown).not.toThrow(/CANARY/);
  });

  it('list at most MAX_LISTED_ISSUES issues, and count the rest', () => {
    // Two issues per member (no such relationship, accompanying missing), within the bound on members.
    const members = Array.from({ length: 30 }, () => ({ relationship: 'roommate' }));
    const issues = issuesOf('family', { schemaVersion: 1, members });
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues.at(-1)).toEqual({ path: '$', message: '10 more issues not listed' });
  });
});

describe('encodeSectionContent / decodeSectionContent', () => {
  it('seal exactly what was checked: fields in the schema’s order, nothing else', () => {
    const reordered = { genderIdentity: { terms: ['muxe'] }, legalName: { full: 'Ana' }, schemaVersion: 1 };
    expect(utf8Decode(encodeSectionContent('identity', reordered))).toBe(
      '{"schemaVersion":1,"legalName":{"full":"Ana"},"genderIdentity":{"terms":["muxe"]}}',
    );
  });

  it('round-trip every section’s example', () => {
    for (const section of SECTIONS) {
      const decoded = decodeSectionContent(section, encodeSectionContent(section, VALID_CONTENT[section]));
      expect(decoded).toEqual({ ok: true, section, content: VALID_CONTENT[section] });
    }
  });

  it('report bytes that are not UTF-8 JSON without quoting them', () => {
    for (const bytes of [utf8Encode('{"CANARY": '), Uint8Array.from([0xff, 0xfe])])
      expect(decodeSectionContent('needs', bytes)).toEqual({
        ok: false,
        section: 'needs',
        issues: [{ path: '$', message: 'not UTF-8 JSON' }],
      });
  });
});
