import { type FakeIntake } from '../../test/fake-intake';
import { IDENTITY, openSharedCase, write } from '../../test/shared-case';
import { type StaffSession } from '../../test/staff-session';

describe('section put: content is checked against its section’s schema before anything is sealed', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let caseId: string;
  const puts = (): number => intake.requests.filter((r) => r.method === 'PUT').length;
  const put = async (
    section: string,
    content: string,
  ): Promise<{ exitCode: number; stdout: string; error: Record<string, unknown> }> => {
    const file = await write(owner, `${section}-${Math.random()}.json`, content);
    const result = await owner.run('section', 'put', '--case', caseId, '--section', section, '--file', file);
    return { ...result, error: result.stderr ? (JSON.parse(result.stderr) as Record<string, unknown>) : {} };
  };

  beforeEach(async () => {
    ({ intake, owner, caseId } = await openSharedCase());
  });

  it('refuses a file that is not JSON, without quoting it', async () => {
    const before = puts();
    const result = await put('identity', 'CANARY-Valeria-Ruiz, ella');
    expect(result.exitCode).toBe(1);
    expect(result.error).toEqual({
      error: 'CLI.INVALID_CONTENT',
      message: 'identity file: $: not UTF-8 JSON',
      issues: [{ path: '$', message: 'not UTF-8 JSON' }],
    });
    expect(puts()).toBe(before);
  });

  it('refuses content its schema does not accept, listing paths and rules and never the values', async () => {
    const before = puts();
    const content = JSON.stringify({
      schemaVersion: 1,
      legalName: { full: 'CANARY-Valeria-Ruiz' },
      genderIdentity: { terms: ['CANARY-term'] },
      nationality: { countries: ['CANARY'] },
      'CANARY-nickname': 'CANARY-Vale',
    });
    const result = await put('identity', content);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({
      error: 'CLI.INVALID_CONTENT',
      issues: [
        {
          path: '$.genderIdentity.terms[0]',
          message: expect.stringMatching(/^expected one of woman, man, /) as string,
        },
        { path: '$.nationality.countries[0]', message: 'expected an ISO 3166-1 alpha-2 country code' },
        { path: '$', message: 'unknown field (its name is not shown)' },
      ],
    });
    expect(result.error.message).toMatch(/^identity file: \$\.genderIdentity\.terms\[0\]: expected one of/);
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(puts()).toBe(before);
  });

  it('checks each section against its own schema', async () => {
    const result = await put('needs', IDENTITY);
    expect(result.error).toMatchObject({
      error: 'CLI.INVALID_CONTENT',
      issues: [
        { path: '$.needs', message: 'required' },
        { path: '$.legalName', message: 'unknown field' },
        { path: '$.pronouns', message: 'unknown field' },
      ],
    });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('seals valid content as the schema orders it, whatever the file’s layout', async () => {
    const file = JSON.stringify(
      { pronouns: { terms: ['ella'] }, legalName: { full: 'CANARY-Valeria-Ruiz' }, schemaVersion: 1 },
      null,
      2,
    );
    expect((await put('identity', file)).exitCode).toBe(0);
    const read = await owner.run(
      'section',
      'get',
      '--case',
      caseId,
      '--section',
      'identity',
      '--purpose',
      'case_coordination',
      '--stdout',
    );
    expect(read.stdout).toBe(IDENTITY);
  });
});
