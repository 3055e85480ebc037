// libs/auth verified against the development issuer's real JWKS. It lives with the
// issuer because a library may not import an app (dependency-cruiser's no-lib-to-app).

import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DevIssuer } from '../src/dev-issuer';
import { startApp, startAppWith, staff, validClaims, foreignKey } from './auth-probe-app';
import { JwksServer } from './jwks-server';

describe('AuthModule when the JWKS misbehaves', () => {
  it('caps JWKS fetches under a flood of made-up kids and keeps serving cached keys', async () => {
    const issuer = await new DevIssuer().start(0);
    const app = await startApp(issuer);
    try {
      await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${await issuer.mint(staff)}`)
        .expect(200);
      const attacker = await foreignKey();
      for (let i = 0; i < 15; i += 1) {
        const token = await attacker.sign(validClaims(issuer), { kid: randomUUID() });
        await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
      }
      // The first valid request fetched the set; the flood may refetch once in the (default 10 s) interval.
      expect(issuer.jwksRequests).toBeLessThanOrEqual(2);
      await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${await issuer.mint(staff)}`)
        .expect(200);
    } finally {
      await app.close();
      await issuer.stop();
    }
  });

  it('answers 401 (not 500) when the JWKS cannot be reached', async () => {
    const issuer = await new DevIssuer().start(0);
    const app = await startApp(issuer);
    try {
      const token = await issuer.mint(staff);
      await issuer.stop();
      const warned = jest.spyOn(Logger.prototype, 'warn');
      await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
      // Operators hear about it; the caller gets the same answer as for a bad token.
      expect(warned).toHaveBeenCalledWith(expect.objectContaining({ msg: 'signing keys unavailable' }));
      warned.mockRestore();
    } finally {
      await app.close();
    }
  });
});

describe('AuthModule when a refetch fails after a good fetch', () => {
  const MAX_AGE_MS = 300;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it.each([
    ['answers with an HTTP error', 'http_error', 'http_status'],
    ['answers with something that is not JSON', 'not_json', 'not_json'],
    ['answers with JSON that is not a key set', 'not_a_key_set', 'not_a_key_set'],
    ['answers with an empty key set', 'empty_key_set', 'no_usable_keys'],
    ['redirects elsewhere', 'redirect', 'http_status'],
    ['answers with more than a key set could be', 'oversized', 'too_large'],
    ['does not answer within the timeout', 'silent', 'timeout'],
  ] as const)('keeps serving the last good keys when the provider %s', async (_label, behaviour, cause) => {
    // Not started: only its keys and identifier are used; jwks serves its JWKS.
    const issuer = new DevIssuer({ issuer: 'https://idp.example.org/dev-issuer' });
    const jwks = await new JwksServer(() => issuer.publicKeys()).start();
    const app = await startAppWith({
      issuers: [{ issuer: issuer.issuer, jwksUri: jwks.url, organizations: ['org-a'] }],
      audience: issuer.audience,
      environment: 'test',
      jwks: { maxAgeMs: MAX_AGE_MS, refetchIntervalMs: 100, timeoutMs: 200 },
    });
    const me = async (token: string): Promise<void> => {
      await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    };
    try {
      await me(await issuer.mint(staff));
      jwks.behaviour = behaviour;
      await sleep(MAX_AGE_MS + 50);

      const warned = jest.spyOn(Logger.prototype, 'warn');
      const token = await issuer.mint(staff);
      await me(token);
      expect(jwks.requests).toBe(2);
      expect(warned).toHaveBeenCalledWith({
        msg: 'signing keys unavailable',
        issuer: issuer.issuer,
        cause,
        ...(cause === 'http_status' ? { status: expect.any(Number) as number } : {}),
        keptKeys: 1,
      });
      // Nothing of the token in the operator's log line.
      expect(JSON.stringify(warned.mock.calls)).not.toContain(token.split('.')[1]);
      warned.mockRestore();

      // Once the provider recovers, a key it rotated to is fetched and trusted.
      jwks.behaviour = 'good';
      await issuer.rotateKeys();
      await sleep(150);
      await me(await issuer.mint(staff));
    } finally {
      await app.close();
      await jwks.stop();
    }
  });
});
