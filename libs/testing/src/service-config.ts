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
    AUTH_ISSUER: 'https://issuer.invalid',
    AUTH_AUDIENCE: 'refugio',
    AUTH_JWKS_URI: 'https://issuer.invalid/.well-known/jwks.json',
  });
  return { ...env, serviceName };
}
