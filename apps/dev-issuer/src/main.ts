import { DevIssuer } from './dev-issuer';
import { devIssuerSettings } from './dev-issuer-settings';

// One JSON line per event, like the services' logs; no telemetry for a dev tool.
function log(level: 'info' | 'error', fields: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level, service: 'dev-issuer', ...fields })}\n`,
  );
}

async function main(): Promise<void> {
  const { port, host, issuer: issuerUrl, audience, stateDir } = devIssuerSettings();
  const issuer = new DevIssuer({ stateDir, issuer: issuerUrl, audience, host });
  await issuer.start(port);
  log('info', {
    msg: 'dev issuer listening',
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    kid: await issuer.currentKid(),
  });

  const shutdown = (signal: NodeJS.Signals): void => {
    log('info', { msg: 'stopping', signal });
    issuer.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  log('error', { msg: 'dev issuer failed to start', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
