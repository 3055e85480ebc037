// A Fastify app behind libs/auth's AuthModule, and tokens to probe it with:
// valid ones from the development issuer, and forged, unsigned or foreign ones.
import { createHmac } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { DevIssuer } from '../src/dev-issuer';
import { AuthModule, type AuthOptions, CurrentPrincipal, type Principal, Public, Roles } from '@app/auth';
import { ProblemDetailsFilter } from '@app/errors';

@Controller()
export class ProbeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('admin')
  @Roles('org_admin')
  admin(@CurrentPrincipal() principal: Principal): { orgId: string } {
    return { orgId: principal.orgId };
  }

  @Get('health')
  @Public()
  health(): { ok: true } {
    return { ok: true };
  }
}

/** The probe app trusting one development issuer (for any organization), as in the tests environment. */
export async function startApp(
  issuer: DevIssuer,
  overrides: Partial<AuthOptions> = {},
): Promise<NestFastifyApplication> {
  return startAppWith({
    issuers: [issuer.trustedIssuer()],
    audience: issuer.audience,
    environment: 'test',
    ...overrides,
  });
}

/** `problemDetails`: answer errors as the services do (RFC 9457), rather than in Nest's default shape. */
export async function startAppWith(
  options: AuthOptions,
  { problemDetails = false }: { problemDetails?: boolean } = {},
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(options)],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  if (problemDetails) app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export const staff = { sub: 'staff-1', org: 'org-a', roles: ['legal_staff'] } as const;
export const now = (): number => Math.floor(Date.now() / 1000);

/** Claims that pass every check, for tests that break exactly one of them. */
export function validClaims(issuer: DevIssuer, overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: issuer.issuer,
    aud: issuer.audience,
    sub: 'staff-1',
    org: 'org-a',
    roles: ['legal_staff'],
    iat: now(),
    exp: now() + 600,
    ...overrides,
  };
}

export const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function unsignedToken(header: Record<string, unknown>, claims: JWTPayload): string {
  return `${b64url(header)}.${b64url(claims)}.`;
}

export function hmacToken(header: Record<string, unknown>, claims: JWTPayload, secret: string): string {
  const signingInput = `${b64url(header)}.${b64url(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** A key pair the service has never seen, standing in for an attacker's. */
export async function foreignKey(): Promise<{
  sign(claims: JWTPayload, header: Record<string, unknown>): Promise<string>;
  publicJwk: JWK;
}> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return {
    publicJwk: await exportJWK(publicKey),
    sign: (claims, header) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', ...header }).sign(privateKey),
  };
}
