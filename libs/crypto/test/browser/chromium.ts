// Finds the system Chromium that deploy/local/ensure-chromium.sh installs.
// playwright-core never downloads a browser: CI cannot reach its CDN.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The `chromium` executable on PATH (what `which chromium` prints). */
export function findChromium(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; try the next.
    }
  }
  throw new Error('chromium is not on PATH; the browser test needs it: run `bash deploy/local/ensure-chromium.sh`');
}
