// Issue 9, item 4: several identity providers, each trusted only for the
// organizations it is configured with.

import { Logger } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { type RejectionReason } from '@app/auth';
import { DevIssuer } from '../src/dev-issuer';
import { startAppWith, validClaims } from './auth-probe-app';

const MEXICO_ORGS = ['org-mx-casa', 'org-mx-legal'] as const;
const US_ORGS = ['org-us-probono'] as const;

describe('AuthModule with several trusted issuers', () => {
  const mexico = new DevIssuer();
  const unitedStates = new DevIssuer();
  const untrusted = new DevIssuer();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await Promise.all([mexico.start(0), unitedStates.start(0), untrusted.start(0)]);
    app = await startAppWith(
      {
        audience: mexico.audience,
        issuers: [mexico.trustedIssuer(MEXICO_ORGS), unitedStates.trustedIssuer(US_ORGS)],
        environment: 'test',
      },
      { problemDetails: true },
    );
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([mexico.stop(), unitedStates.stop(), untrusted.stop()]);
  });

  const me = (token: string): request.Test =>
    request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);

  async function expectRejected(token: string, reason: RejectionReason): Promise<void> {
    const logged = jest.spyOn(Logger.prototype, 'debug');
    const response = await me(token).expect(401);
    expect(logged).toHaveBeenCalledWith({ msg: 'token rejected', reason });
    logged.mockRestore();
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, detail: 'A valid bearer token is required.' });
  }

  it.each([
    ['the Mexican provider', () => mexico, 'org-mx-legal'],
    ['the U.S. provider', () => unitedStates, 'org-us-probono'],
  ])('accepts a token from %s for one of its organizations', async (_label, issuer, org) => {
    const token = await issuer().mint({ sub: 'staff-1', org, roles: ['legal_staff'] });
    const response = await me(token).expect(200);
    expect(response.body).toEqual({ sub: 'staff-1', orgId: org, roles: ['legal_staff'] });
  });

  it("rejects a token from issuer A claiming an organization of issuer B's", async () => {
    await expectRejected(
      await mexico.mint({ sub: 'staff-1', org: 'org-us-probono', roles: ['legal_staff'] }),
      'organization',
    );
    await expectRejected(
      await unitedStates.mint({ sub: 'staff-1', org: 'org-mx-casa', roles: ['legal_staff'] }),
      'organization',
    );
  });

  it('rejects an organization no issuer lists', async () => {
    await expectRejected(
      await mexico.mint({ sub: 'staff-1', org: 'org-elsewhere', roles: ['legal_staff'] }),
      'organization',
    );
  });

  it("verifies a token with the key set of the issuer it names: A's key cannot sign for B", async () => {
    const token = await mexico.sign(validClaims(unitedStates, { org: 'org-us-probono' }));
    await expectRejected(token, 'unknown_key');
  });

  it('rejects an issuer that is not configured, without fetching its keys', async () => {
    await expectRejected(
      await untrusted.mint({ sub: 'staff-1', org: 'org-mx-casa', roles: ['legal_staff'] }),
      'issuer',
    );
    expect(untrusted.jwksRequests).toBe(0);
  });

  it('compares the issuer exactly', async () => {
    const token = await mexico.sign(validClaims(mexico, { iss: `${mexico.issuer}/`, org: 'org-mx-casa' }));
    await expectRejected(token, 'issuer');
  });
});

describe('AuthModule with an issuer trusted for any organization (development only)', () => {
  const issuer = new DevIssuer();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await issuer.start(0);
    app = await startAppWith({
      audience: issuer.audience,
      issuers: [issuer.trustedIssuer('*')],
      environment: 'development',
    });
  });
  afterAll(async () => {
    await app?.close();
    await issuer.stop();
  });

  it('accepts whatever organization its tokens name', async () => {
    const token = await issuer.mint({ sub: 'staff-1', org: 'org-anything', roles: ['legal_staff'] });
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
