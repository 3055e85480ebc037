// libs/auth verified against the development issuer's real JWKS. It lives with the
// issuer because a library may not import an app (dependency-cruiser's no-lib-to-app).

import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DevIssuer } from '../src/dev-issuer';
import { startApp, staff, validClaims, foreignKey } from './auth-probe-app';

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
      // jwks-rsa allows 10 fetches a minute; the first valid request used one.
      expect(issuer.jwksRequests).toBeLessThanOrEqual(10);
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
