import { loadConfig, serviceEnv } from '@app/config';

/**
 * A complete service configuration that points nowhere real, for tests that
 * build a service's module tree without starting it (the route-policy
 * tests). Nothing connects until a provider is instantiated.
 */
export function configForModuleTests(serviceName: string): ReturnType<typeof loadConfig<typeof serviceEnv>> & {
  serviceName: string;
} {
  const env = loadConfig(serviceEnv, {
    HTTP_PORT: '0',
    KAFKA_BROKERS: '127.0.0.1:9',
    MONGODB_URI: 'mongodb://127.0.0.1:9/unused',
    AUTH_ISSUERS: JSON.stringify([
      {
        issuer: 'https://issuer.invalid',
        jwksUri: 'https://issuer.invalid/.well-known/jwks.json',
        organizations: ['org_unused'],
      },
    ]),
    AUTH_AUDIENCE: 'refugio',
  });
  return { ...env, serviceName };
}
