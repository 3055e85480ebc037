// The staff CLI as users run it: the built dist/ entry point in its own
// process, so what main.ts does (or forgets to do) is covered too.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');
export const BUILT_CLI = join(REPO_ROOT, 'dist/apps/staff-cli/src/main.js');

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Builds dist/ unless it is newer than every source file it is built from:
 * `npm test` builds first, so then this costs a directory walk, not a compile.
 */
export function ensureBuilt(): void {
  if (existsSync(BUILT_CLI) && newestSource(['apps', 'libs'].map((d) => join(REPO_ROOT, d))) < builtAt()) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

function builtAt(): number {
  return statSync(BUILT_CLI).mtimeMs;
}

function newestSource(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Runs the built CLI; asynchronous, so a fake server in this process keeps answering. */
export function runBuiltCli(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<ProcessResult> {
  return new Promise((resolveRun, reject) => {
    // Only PATH from the parent: REFUGIO_* in the developer's shell must not leak into the test.
    const child = spawn(process.execPath, [BUILT_CLI, ...argv], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolveRun({ exitCode, stdout, stderr }));
  });
}
