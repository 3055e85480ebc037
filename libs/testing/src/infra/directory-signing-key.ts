import { randomBytes } from 'node:crypto';

// One per test process: a service restarted within a test keeps its key, as a
// deployment does, so clients that pinned it keep trusting the directory.
const seed = randomBytes(32).toString('base64url');

/** The key directory's signing key for a test's intake process (KEY_DIRECTORY_SIGNING_KEY). */
export function serviceDirectoryKeyEnv(serviceName: string): Record<string, string> {
  return serviceName === 'intake' ? { KEY_DIRECTORY_SIGNING_KEY: seed } : {};
}
