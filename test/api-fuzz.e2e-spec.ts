import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { TestStack } from './support/intake-stack';

const run = promisify(execFile);
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
  const stack = new TestStack(`fuzz_${Date.now().toString(36)}`);
  let token: string;

  beforeAll(async () => {
    if (!existsSync(schemathesis)) throw new Error(`Schemathesis is not installed at ${schemathesis}; run deploy/local/ensure-schemathesis.sh`);
    mkdirSync(workDir, { recursive: true });
    // Receipt lookups get a budget the fuzzer cannot exhaust, so that what it reaches is the lookup itself (the limit has its own test).
    await stack.start(SERVICES, { RECEIPT_LOOKUP_BURST: '10000', RECEIPT_LOOKUPS_PER_MINUTE: '100000' });
    token = await stack.issuer.mint({ sub: 'fuzzer', org: 'org_fuzz', roles: ['intake_worker', 'org_admin', 'legal_staff', 'shelter_staff'] });
  }, 180_000);

  afterAll(() => stack.stop(), 60_000);

  it.each(SERVICES)('%s passes every check', async (name) => {
    const args = [
      '--config-file', resolve(root, 'test/api-fuzz/schemathesis.toml'),
      'run', `${stack.service(name).url}/docs/openapi.json`,
      '--header', `Authorization: Bearer ${token}`,
      '--seed', seed,
      '--max-examples', examples,
      '--no-color',
    ];
    const outcome = await run(schemathesis, args, { cwd: workDir, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }).then(
      ({ stdout }) => ({ passed: true, output: stdout }),
      (error: { stdout?: string; stderr?: string; message: string }) => ({ passed: false, output: `${error.stdout ?? ''}\n${error.stderr ?? ''}\n${error.message}` }),
    );
    // On failure the report (failures, and a curl line to reproduce each) becomes the assertion message.
    expect(outcome.passed ? 'passed' : outcome.output.slice(-12_000)).toBe('passed');
    expect(outcome.output).toMatch(/\d+ generated, \d+ passed/);
  }, 300_000);
});
