// Bundles the page script for libs/crypto/src/browser.int-spec.ts: the SDK as
// a browser would get it from any bundler, in memory, on every run (about a
// second), so the test always exercises the current source.
import { join } from 'node:path';
import { build } from 'esbuild';

export async function bundleSdkForBrowser(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'sdk-in-browser.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    // libsodium's loader mentions Node builtins (require('crypto') as a
    // fallback RNG, fs/path); its package.json "browser" field maps them to
    // empty modules, which platform 'browser' honours, so no shim is needed.
    // Warnings (e.g. its import.meta.url, unused in an inline-WebAssembly
    // build) are not failures; errors throw.
    logLevel: 'error',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}
