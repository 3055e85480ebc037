import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { sealSection } from '@app/crypto';
import { TestStack } from './support/intake-stack';
import { OrgClient } from './support/org-client';

const execFileAsync = promisify(execFile);
const root = resolve(__dirname, '..');
const schemathesis = process.env.SCHEMATHESIS_BIN ?? resolve(root, '.cache/python/schemathesis/bin/schemathesis');
// Schemathesis keeps its example database in its working directory; keep that in the git-ignored cache.
const workDir = resolve(root, '.cache/schemathesis');
const SERVICES = ['intake', 'legal-status', 'shelter-capacity', 'notifications'] as const;
// A fixed seed keeps CI reproducible; set API_FUZZ_SEED (and API_FUZZ_EXAMPLES) to explore further.
const seed = process.env.API_FUZZ_SEED ?? '20261123';
const examples = process.env.API_FUZZ_EXAMPLES ?? '30';

/**
 * Schemathesis, an independent property-based tester, reads each service's
 * OpenAPI document and sends it generated requests, valid and invalid, with
 * and without the token, and in sequences that follow the links it infers
 * (open a case, then read, change or erase it). Every check it has must pass
 * on every operation (the few exceptions, each with its reason, are in
 * test/api-fuzz/schemathesis.toml): no server error; only documented
 * statuses, content types and response shapes, problem+json for errors;
 * malformed input refused; schema-valid input accepted; no access without a
 * valid token; 405 with Allow for a method a path does not serve.
 */
describe('API fuzzing against the OpenAPI documents (Schemathesis)', () => {
  const run = `fuzz_${Date.now().toString(36)}`;
  const stack = new TestStack(run);
  let token: string;
  let seededConfig: string;

  beforeAll(async () => {
    if (!existsSync(schemathesis))
      throw new Error(`Schemathesis is not installed at ${schemathesis}; run deploy/local/ensure-schemathesis.sh`);
    mkdirSync(workDir, { recursive: true });
    // Receipt lookups get a budget the fuzzer cannot exhaust, so that what it reaches is the lookup itself (the limit
    // has its own test).
    await stack.start(SERVICES, { RECEIPT_LOOKUP_BURST: '10000', RECEIPT_LOOKUPS_PER_MINUTE: '100000' });
    // Real data for the reads to reach: the fuzzer's organization has keys and a case with a sealed section.
    const owner = await OrgClient.create(stack.issuer, `org_${run}`, () => stack.service('intake').url, 'fuzzer');
    await owner.registerKeys();
    const caseId = String(
      (
        await owner.ok('POST', '/cases', {
          routing: {
            country: 'MX',
            regionCode: 'MX-CHP',
            needCategories: ['legal'],
            urgency: 'routine',
            languages: ['es'],
          },
        })
      ).caseId,
    );
    await owner.ok(
      'PUT',
      `/cases/${caseId}/sections/legal`,
      await sealSection({
        caseId,
        section: 'legal',
        contentVersion: 1,
        keyVersion: 1,
        plaintext: 'fuzz seed',
        author: owner.current,
        recipients: [],
      }),
    );
    token = await stack.issuer.mint({
      sub: 'fuzzer',
      org: owner.orgId,
      roles: ['intake_worker', 'org_admin', 'legal_staff', 'shelter_staff'],
    });
    seededConfig = writeSeededConfig(caseId, owner.orgId);
  }, 180_000);

  /**
   * The shared settings, plus: the reads of intake are pointed at the seeded
   * case and organization, so their answers (and the documented shapes of
   * them) are checked on real data, not only on 404s. A fixed path parameter
   * cannot be made invalid, so these operations skip the negative-data check
   * in this pass; the unseeded pass covers it.
   */
  function writeSeededConfig(caseId: string, orgId: string): string {
    const path = resolve(workDir, `schemathesis-${run}.toml`);
    const seeded = [
      readFileSync(resolve(root, 'test/api-fuzz/schemathesis.toml'), 'utf8'),
      '[[operations]]',
      `include-name-regex = '^GET /cases/\\{caseId\\}'`,
      `parameters = { "path.caseId" = "${caseId}" }`,
      'checks.negative_data_rejection.enabled = false',
      '',
      '[[operations]]',
      `include-name-regex = '^GET /organizations/\\{orgId\\}/keys'`,
      `parameters = { "path.orgId" = "${orgId}" }`,
      'checks.negative_data_rejection.enabled = false',
      '',
    ].join('\n');
    writeFileSync(path, seeded);
    return path;
  }

  afterAll(() => stack.stop(), 60_000);

  it.each(SERVICES)(
    '%s passes every check',
    async (name) => {
      await expectSchemathesisPasses(name, resolve(root, 'test/api-fuzz/schemathesis.toml'));
    },
    300_000,
  );

  it('intake passes every check on a seeded case and organization', async () => {
    await expectSchemathesisPasses('intake', seededConfig);
  }, 300_000);

  async function expectSchemathesisPasses(name: (typeof SERVICES)[number], configFile: string): Promise<void> {
    const args = [
      '--config-file',
      configFile,
      'run',
      `${stack.service(name).url}/docs/openapi.json`,
      '--header',
      `Authorization: Bearer ${token}`,
      '--seed',
      seed,
      '--max-examples',
      examples,
      '--no-color',
    ];
    const outcome = await execFileAsync(schemathesis, args, {
      cwd: workDir,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    }).then(
      ({ stdout }) => ({ passed: true, output: stdout }),
      // stdout and stderr only: the error's message repeats the command line, token included.
      (error: { stdout?: string; stderr?: string; code?: unknown }) => ({
        passed: false,
        output: `exit ${String(error.code)}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      }),
    );
    // On failure the report (failures, and a curl line to reproduce each) becomes the assertion message.
    expect(outcome.passed ? 'passed' : outcome.output.slice(-12_000)).toBe('passed');
    expect(outcome.output).toMatch(/\d+ generated, \d+ passed/);
  }
});
