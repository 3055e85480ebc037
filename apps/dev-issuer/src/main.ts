import { createServiceLogger } from '@app/observability';
import { DevIssuer } from './dev-issuer';
import { devIssuerSettings } from './dev-issuer-settings';

// The services' JSON lines (pino, createServiceLogger); no telemetry for a dev tool.
const logger = createServiceLogger('dev-issuer', 'info');

async function main(): Promise<void> {
  const { port, host, issuer: issuerUrl, audience, stateDir } = devIssuerSettings();
  const issuer = new DevIssuer({ stateDir, issuer: issuerUrl, audience, host });
  await issuer.start(port);
  logger.info(
    { issuer: issuer.issuer, jwksUri: issuer.jwksUri, kid: await issuer.currentKid() },
    'dev issuer listening',
  );

  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'stopping');
    issuer.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // A dev tool's start fails on a port or a state directory: the message says which.
  logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'dev issuer failed to start');
  process.exit(1);
});
