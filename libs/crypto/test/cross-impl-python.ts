// Runs libs/crypto/test/cross_impl.py, the SDK's independent counterpart on
// PyNaCl, for the cross-implementation specs. Needs python3 with PyNaCl:
// deploy/local/ensure-pynacl.sh installs it. When either is missing the specs
// fail, they do not skip.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'cross_impl.py');
const PYTHON = process.env.PYTHON ?? 'python3';

/** One command of cross_impl.py: `input` as JSON on stdin, its JSON answer back. */
export function python<T>(command: string, input: unknown): T {
  const run = spawnSync(PYTHON, [SCRIPT, command], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`${PYTHON} could not run (${run.error.message}); run deploy/local/ensure-pynacl.sh`);
  if (run.status !== 0) throw new Error(`cross_impl.py ${command} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** For beforeAll: throws, naming the fix, unless python3 can import PyNaCl. */
export function requirePyNaCl(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import nacl; print(nacl.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'python3 with PyNaCl is required for this test; run deploy/local/ensure-pynacl.sh ' +
        `(${probe.error?.message ?? probe.stderr})`,
    );
  }
}
