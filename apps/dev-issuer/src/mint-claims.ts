import { randomUUID } from 'node:crypto';
import { isRole, type Role } from '@app/auth';
import { type JWTPayload } from 'jose';

export const DEFAULT_TTL_SECONDS = 3600;
/** Retired keys stay published at least this long, so no minted token outlives its key. */
export const MAX_TTL_SECONDS = 24 * 3600;

/** A staff member's token, shaped like the ones an organization's identity provider issues. */
export interface MintRequest {
  readonly sub: string;
  readonly org: string;
  readonly roles: readonly Role[];
  readonly ttlSeconds?: number;
}

export function principalClaims(request: MintRequest, issuer: string, audience: string, now: number): JWTPayload {
  const ttl = request.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!request.sub) throw new Error('sub is required');
  if (!request.org) throw new Error('org is required');
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw new Error(`ttl must be a whole number of seconds between 1 and ${MAX_TTL_SECONDS}`);
  }
  // Typed callers cannot get here with a bad role; the CLI's string input can.
  const unknown = request.roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}`);
  return {
    iss: issuer,
    aud: audience,
    sub: request.sub,
    org: request.org,
    roles: [...request.roles],
    iat: now,
    nbf: now,
    exp: now + ttl,
    jti: randomUUID(),
  };
}
