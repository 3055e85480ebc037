import { resolve } from 'node:path';
import { loadConfig } from '@app/config';
import { z } from 'zod';
import { DEVELOPMENT_ISSUER_SEGMENT } from '@app/auth';
import { DEFAULT_AUDIENCE } from './dev-issuer';

const devIssuerEnv = {
  DEV_ISSUER_PORT: z.coerce.number().int().min(1).max(65535).default(19080),
  /** Loopback by default: the JWKS is harmless, but nothing here is meant for a network. */
  DEV_ISSUER_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Defaults to http://127.0.0.1:<port>/dev-issuer; set it when services reach
   * the issuer under another name. It must keep a `dev-issuer` path segment.
   */
  DEV_ISSUER_ISSUER: z.url().optional(),
  DEV_ISSUER_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
  /** Holds keys.json (mode 0600), shared by the server and the token CLI. */
  DEV_ISSUER_STATE_DIR: z.string().min(1).default('.stack/dev/dev-issuer'),
};

export interface DevIssuerSettings {
  readonly port: number;
  readonly host: string;
  readonly issuer: string;
  readonly audience: string;
  readonly stateDir: string;
}

/**
 * The server and the CLIs read the same variables, so their tokens and JWKS
 * agree. They refuse NODE_ENV=production: an issuer that signs whatever it is
 * asked has no place there (the production image does not even contain it).
 */
export function devIssuerSettings(env: NodeJS.ProcessEnv = process.env): DevIssuerSettings {
  if (env.NODE_ENV === 'production') {
    throw new Error('the development issuer does not run under NODE_ENV=production');
  }
  const config = loadConfig(devIssuerEnv, env);
  return {
    port: config.DEV_ISSUER_PORT,
    host: config.DEV_ISSUER_HOST,
    issuer: (
      config.DEV_ISSUER_ISSUER ?? `http://127.0.0.1:${config.DEV_ISSUER_PORT}/${DEVELOPMENT_ISSUER_SEGMENT}`
    ).replace(/\/$/, ''),
    audience: config.DEV_ISSUER_AUDIENCE,
    stateDir: resolve(config.DEV_ISSUER_STATE_DIR),
  };
}
