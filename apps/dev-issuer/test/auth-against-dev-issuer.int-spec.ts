// libs/auth verified against the development issuer's real JWKS. It lives with the
// issuer because a library may not import an app (dependency-cruiser's no-lib-to-app).

import { createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DevIssuer } from '../src/dev-issuer';
import { type RejectionReason } from '@app/auth';

import { startApp, staff, now, validClaims, b64url, unsignedToken, hmacToken, foreignKey } from './auth-probe-app';

// Short, so the rotation case need not wait out the default after the unknown-kid cases used the interval's fetch.
const REFETCH_INTERVAL_MS = 100;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('AuthModule (Fastify, tokens from the dev issuer)', () => {
  const issuer = new DevIssuer();
  let app: NestFastifyApplication;
  const get = (path: string, token?: string): request.Test => {
    const call = request(app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  beforeAll(async () => {
    await issuer.start(0);
    app = await startApp(issuer, { jwks: { refetchIntervalMs: REFETCH_INTERVAL_MS } });
  });
  afterAll(async () => {
    await app?.close();
    await issuer.stop();
  });

  describe('a valid token', () => {
    it('is accepted and the principal comes from its claims only', async () => {
      const token = await issuer.mint(staff);
      // Attempts to pick another organization from outside the token are ignored.
      const response = await get('/me?org=org-b&orgId=org-b', token).set('X-Org-Id', 'org-b').expect(200);
      expect(response.body).toEqual({ sub: 'staff-1', orgId: 'org-a', roles: ['legal_staff'] });
    });

    it('is fetched from the JWKS once and then served from the cache', async () => {
      const before = issuer.jwksRequests;
      for (let i = 0; i < 3; i += 1) await get('/me', await issuer.mint(staff)).expect(200);
      expect(issuer.jwksRequests).toBe(before);
      expect(before).toBeLessThanOrEqual(1);
    });
  });

  describe('rejected with 401', () => {
    it('without a token, naming the Bearer scheme', async () => {
      const response = await get('/me').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ statusCode: 401, message: 'A valid bearer token is required.' });
    });

    it('with a scheme other than Bearer', async () => {
      await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', `Basic ${await issuer.mint(staff)}`)
        .expect(401);
    });

    it.each(['', 'not-a-jwt', 'a.b.c', 'e30.e30.e30', '....'])('with the malformed token %p', async (token) => {
      await get('/me', token).expect(401);
    });

    // Each case names the check that must catch it (the reason the guard logs),
    // so a case cannot pass by tripping over an earlier, unrelated check.
    const cases: Array<[string, RejectionReason, () => Promise<string>]> = [
      [
        'alg none',
        'algorithm',
        async () => unsignedToken({ alg: 'none', typ: 'JWT', kid: await issuer.currentKid() }, validClaims(issuer)),
      ],
      [
        'alg none spelled otherwise',
        'algorithm',
        async () => unsignedToken({ alg: 'None', kid: await issuer.currentKid() }, validClaims(issuer)),
      ],
      [
        'HS256 signed with the PEM public key as the HMAC secret',
        'algorithm',
        async () => {
          const [jwk] = await issuer.publicKeys();
          const pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
            .export({ type: 'spki', format: 'pem' })
            .toString();
          return hmacToken({ alg: 'HS256', typ: 'JWT', kid: jwk?.kid }, validClaims(issuer), pem);
        },
      ],
      [
        'HS256 signed with the JWK JSON as the HMAC secret',
        'algorithm',
        async () => {
          const [jwk] = await issuer.publicKeys();
          return hmacToken({ alg: 'HS256', typ: 'JWT', kid: jwk?.kid }, validClaims(issuer), JSON.stringify(jwk));
        },
      ],
      [
        'RS256 claimed for the EC key',
        'key_mismatch',
        async () => {
          const token = await issuer.sign(validClaims(issuer));
          const [, payload, signature] = token.split('.');
          return `${b64url({ alg: 'RS256', kid: await issuer.currentKid() })}.${payload}.${signature}`;
        },
      ],
      ['expired', 'expired', () => issuer.sign(validClaims(issuer, { iat: now() - 7200, exp: now() - 3600 }))],
      [
        'not yet valid (nbf in the future)',
        'not_yet_valid',
        () => issuer.sign(validClaims(issuer, { nbf: now() + 3600, exp: now() + 7200 })),
      ],
      [
        'from another issuer',
        'issuer',
        () => issuer.sign(validClaims(issuer, { iss: 'https://idp.elsewhere.example' })),
      ],
      ['without an issuer', 'issuer', () => issuer.sign(validClaims(issuer, { iss: undefined }))],
      ['for another audience', 'audience', () => issuer.sign(validClaims(issuer, { aud: 'some-other-api' }))],
      ['without an audience', 'audience', () => issuer.sign(validClaims(issuer, { aud: undefined }))],
      ['without exp', 'claims', () => issuer.sign(validClaims(issuer, { exp: undefined }))],
      ['without org', 'claims', () => issuer.sign(validClaims(issuer, { org: undefined }))],
      ['with org as an object', 'claims', () => issuer.sign(validClaims(issuer, { org: { $ne: null } }))],
      ['without sub', 'claims', () => issuer.sign(validClaims(issuer, { sub: undefined }))],
      ['without roles', 'claims', () => issuer.sign(validClaims(issuer, { roles: undefined }))],
      ['with roles as a string', 'claims', () => issuer.sign(validClaims(issuer, { roles: 'org_admin' }))],
      [
        'with an unknown role',
        'claims',
        () => issuer.sign(validClaims(issuer, { roles: ['legal_staff', 'superuser'] })),
      ],
      [
        'with a tampered payload',
        'signature',
        async () => {
          const [header, , signature] = (await issuer.sign(validClaims(issuer))).split('.');
          return `${header}.${b64url(validClaims(issuer, { org: 'org-b' }))}.${signature}`;
        },
      ],
      [
        'signed by an unknown key with an unknown kid',
        'unknown_key',
        async () => (await foreignKey()).sign(validClaims(issuer), { kid: randomUUID() }),
      ],
      [
        'signed by an unknown key without a kid',
        'unknown_key',
        async () => (await foreignKey()).sign(validClaims(issuer), {}),
      ],
      [
        'signed by another key claiming the known kid',
        'signature',
        async () => (await foreignKey()).sign(validClaims(issuer), { kid: await issuer.currentKid() }),
      ],
      [
        'carrying its own key in a jwk header',
        'signature',
        async () => {
          const attacker = await foreignKey();
          return attacker.sign(validClaims(issuer), { kid: await issuer.currentKid(), jwk: attacker.publicJwk });
        },
      ],
    ];

    it.each(cases)('%s (%s)', async (_label, reason, forge) => {
      const token = await forge();
      const logged = jest.spyOn(Logger.prototype, 'debug');
      const response = await get('/me', token).expect(401);
      expect(logged).toHaveBeenCalledWith({ msg: 'token rejected', reason });
      logged.mockRestore();
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      // Generic message; nothing from the token comes back.
      expect(response.body).toMatchObject({ statusCode: 401, message: 'A valid bearer token is required.' });
      if (token.length > 0) expect(response.text).not.toContain(token.split('.')[1] ?? token);
    });
  });

  describe('key-locating headers', () => {
    const attacker = new DevIssuer();
    beforeAll(() => attacker.start(0));
    afterAll(() => attacker.stop());

    it.each(['jku', 'x5u'])('never fetch keys from a %s URL', async (header) => {
      const logged = jest.spyOn(Logger.prototype, 'debug');
      const token = await attacker.sign(validClaims(issuer), { [header]: attacker.jwksUri });
      await get('/me', token).expect(401);
      expect(logged).toHaveBeenCalledWith({ msg: 'token rejected', reason: 'unknown_key' });
      logged.mockRestore();
      expect(attacker.jwksRequests).toBe(0);
    });
  });

  describe('roles', () => {
    it('403 when the route needs a role the token lacks', async () => {
      const response = await get('/admin', await issuer.mint(staff)).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, message: 'Your role does not allow this action.' });
    });

    it('200 when the token has the role', async () => {
      const token = await issuer.mint({ ...staff, roles: ['legal_staff', 'org_admin'] });
      await get('/admin', token).expect(200, { orgId: 'org-a' });
    });

    it('401, not 403, when a role route gets no token', async () => {
      await get('/admin').expect(401);
    });
  });

  describe('@Public()', () => {
    it('serves without a token', async () => {
      await get('/health').expect(200, { ok: true });
    });

    it('ignores a bad token rather than failing', async () => {
      await get('/health', 'not-a-jwt').expect(200);
    });
  });

  describe('key rotation', () => {
    it('accepts tokens from the new key and, until they expire, from the old one', async () => {
      const oldToken = await issuer.mint(staff);
      const oldKid = await issuer.currentKid();
      const newKid = await issuer.rotateKeys();
      expect(newKid).not.toBe(oldKid);
      expect((await issuer.publicKeys()).map((key) => key.kid)).toEqual([newKid, oldKid]);

      await sleep(REFETCH_INTERVAL_MS);
      const fetchesBefore = issuer.jwksRequests;
      await get('/me', await issuer.mint(staff)).expect(200);
      expect(issuer.jwksRequests).toBe(fetchesBefore + 1);
      await get('/me', oldToken).expect(200);
    });
  });
});
