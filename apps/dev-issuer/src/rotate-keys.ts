import { DevIssuer } from './dev-issuer';
import { devIssuerSettings } from './dev-issuer-settings';

/**
 * `node dist/apps/dev-issuer/src/rotate-keys.js`: new tokens get a new kid;
 * the running server (it re-reads the key file) publishes both keys until
 * tokens signed by the old one have expired.
 */
async function main(): Promise<void> {
  const { stateDir, issuer } = devIssuerSettings();
  const kid = await new DevIssuer({ stateDir, issuer }).rotateKeys();
  process.stderr.write(`dev issuer now signs with kid ${kid}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`rotate-keys: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
