import { type AuthOptions } from '@app/auth';
import { type ServiceConfig } from './service-config';

/** The service's AuthModule options, from its validated configuration. */
export function authOptionsFrom(config: ServiceConfig): AuthOptions {
  return {
    issuers: config.AUTH_ISSUERS,
    audience: config.AUTH_AUDIENCE,
    environment: config.NODE_ENV,
    jwks: {
      maxAgeMs: config.AUTH_JWKS_MAX_AGE_MS,
      refetchIntervalMs: config.AUTH_JWKS_REFETCH_INTERVAL_MS,
      timeoutMs: config.AUTH_JWKS_TIMEOUT_MS,
    },
  };
}
