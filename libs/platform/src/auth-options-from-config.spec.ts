import { loadConfig, serviceEnv } from '@app/config';
import { authOptionsFrom } from './auth-options-from-config';
import { PlatformModule } from './platform.module';
import { type ServiceConfig } from './service-config';

const devIssuer = {
  issuer: 'http://127.0.0.1:19080/dev-issuer',
  jwksUri: 'http://127.0.0.1:19080/dev-issuer/.well-known/jwks.json',
  organizations: '*',
};

function configWith(env: Record<string, string>): ServiceConfig {
  const base = {
    HTTP_PORT: '0',
    KAFKA_BROKERS: '127.0.0.1:1',
    MONGODB_URI: 'mongodb://127.0.0.1:1/unit_test',
    AUTH_AUDIENCE: 'refugio-api',
    AUTH_ISSUERS: JSON.stringify([devIssuer]),
  };
  return { ...loadConfig(serviceEnv, { ...base, ...env }), serviceName: 'intake' };
}

describe('the platform building AuthModule from configuration', () => {
  it('passes the issuers, the environment and the JWKS intervals through', () => {
    const options = authOptionsFrom(configWith({ NODE_ENV: 'development', AUTH_JWKS_REFETCH_INTERVAL_MS: '2000' }));
    expect(options).toEqual({
      issuers: [devIssuer],
      audience: 'refugio-api',
      environment: 'development',
      jwks: { maxAgeMs: undefined, refetchIntervalMs: 2_000, timeoutMs: undefined },
    });
  });

  it('assembles outside production with the development issuer', () => {
    expect(() => PlatformModule.forRoot(configWith({ NODE_ENV: 'development' }))).not.toThrow();
  });

  // bootstrapService builds the root module before Nest creates the app, so this throw comes before
  // any connection is opened or port bound (the built service is run in apps/dev-issuer/test/production-refusal).
  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV unset', {}],
  ])('refuses the development issuer and http: keys with %s', (_label, env) => {
    expect(() => PlatformModule.forRoot(configWith(env))).toThrow(
      /AuthModule misconfigured \(environment production\): .*jwksUri must be an https: URL.*is the development issuer/,
    );
  });
});
