import { parseArgs } from 'node:util';
import { type Role } from '@app/auth';
import { DevIssuer } from './dev-issuer';
import { devIssuerSettings } from './dev-issuer-settings';
import { DEFAULT_TTL_SECONDS } from './mint-claims';

const USAGE = `usage: npm run token -- --org <org id> --roles <role,role> --sub <subject> \\
    [--ttl <seconds, default ${DEFAULT_TTL_SECONDS}>]
Signs with the dev issuer's current key (DEV_ISSUER_STATE_DIR) for DEV_ISSUER_ISSUER / DEV_ISSUER_AUDIENCE.
The server does not need to be running.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stderr.write(USAGE);
    return;
  }
  if (!values.org || !values.sub || values.roles === undefined)
    throw new Error('--org, --roles and --sub are required');
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);

  const settings = devIssuerSettings();
  const issuer = new DevIssuer({ stateDir: settings.stateDir, issuer: settings.issuer, audience: settings.audience });
  const token = await issuer.mint({
    sub: values.sub,
    org: values.org,
    // mint() checks every name against the known roles.
    roles: values.roles
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean) as Role[],
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mint-token: ${message}\n${USAGE}`);
  process.exit(2);
});
