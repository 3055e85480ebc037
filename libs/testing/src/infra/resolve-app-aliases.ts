import Module from 'node:module';
import { resolve } from 'node:path';
import { REPO_ROOT } from './test-infra';

type ResolveFilename = ((request: string, ...rest: unknown[]) => string) & { appAliases?: true };
const loader = Module as unknown as { _resolveFilename: ResolveFilename };

/**
 * Jest maps `@app/<lib>` to libs/<lib>/src for tests (moduleNameMapper), but
 * not for its global set-up, which runs under plain Node require. The set-up
 * needs the messaging library (the services' ACLs), so it maps them the same
 * way; once, and only for `@app/` requests.
 */
export function resolveAppAliases(): void {
  const marked = loader;
  if (marked._resolveFilename.appAliases) return;
  const original = loader._resolveFilename;
  const patched: ResolveFilename & { appAliases?: true } = (request, ...rest) => {
    const alias = /^@app\/([a-z-]+)$/.exec(request);
    return original(alias ? resolve(REPO_ROOT, 'libs', alias[1]!, 'src') : request, ...rest);
  };
  patched.appAliases = true;
  loader._resolveFilename = patched;
}
