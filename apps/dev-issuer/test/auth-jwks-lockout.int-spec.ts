// Issue 9, item 3: tokens with made-up kids must not lock real users out of
// the service once their key's cache entry ages (the jwks-rsa failure mode:
// its fetch limiter, drained by junk kids, refused the refetch a real key needed).

import { randomUUID } from 'node:crypto';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DevIssuer } from '../src/dev-issuer';
import { foreignKey, staff, startApp, validClaims } from './auth-probe-app';

// Short intervals so the test can wait past them; production defaults are minutes and seconds.
const MAX_AGE_MS = 1_500;
const REFETCH_INTERVAL_MS = 250;
const FLOOD = 1_000;
const IN_FLIGHT = 50;

// Signing and sending 1,000 tokens takes a few seconds on a shared machine.
const TEST_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let baseUrl = '';

async function statusOf(token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** Sends FLOOD tokens, each naming a kid nobody published, IN_FLIGHT at a time; returns how long it took. */
async function floodWithMadeUpKids(issuer: DevIssuer): Promise<number> {
  const attacker = await foreignKey();
  const started = performance.now();
  for (let sent = 0; sent < FLOOD; sent += IN_FLIGHT) {
    const statuses = await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () =>
        statusOf(await attacker.sign(validClaims(issuer), { kid: randomUUID() })),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
  }
  return performance.now() - started;
}

describe('AuthModule under a flood of made-up kids', () => {
  const issuer = new DevIssuer();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await issuer.start(0);
    app = await startApp(issuer, { jwks: { maxAgeMs: MAX_AGE_MS, refetchIntervalMs: REFETCH_INTERVAL_MS } });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await issuer.stop();
  });

  it(
    'still accepts a valid token once its key is older than the cache age',
    async () => {
      expect(await statusOf(await issuer.mint(staff))).toBe(200);
      const fetchesBefore = issuer.jwksRequests;

      const floodMs = await floodWithMadeUpKids(issuer);
      // At most one refetch per interval for unknown kids, plus the one a stale set may add.
      expect(issuer.jwksRequests - fetchesBefore).toBeLessThanOrEqual(Math.ceil(floodMs / REFETCH_INTERVAL_MS) + 2);

      await sleep(MAX_AGE_MS + 200);
      expect(await statusOf(await issuer.mint(staff))).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'accepts a key the issuer rotated to during the flood once the refetch interval has passed',
    async () => {
      await floodWithMadeUpKids(issuer);
      await issuer.rotateKeys();
      await sleep(REFETCH_INTERVAL_MS + 100);
      expect(await statusOf(await issuer.mint(staff))).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );
});
