import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DevIssuer } from './dev-issuer';
import { FileKeyStore } from './file-key-store';

describe('dev issuer state on disk', () => {
  let root: string;
  let stateDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dev-issuer-'));
    stateDir = join(root, 'nested', 'dev-issuer');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates the key file 0600 in a 0700 directory', async () => {
    const issuer = new DevIssuer({ stateDir, issuer: 'http://127.0.0.1:1/dev-issuer' });
    await issuer.currentKid();
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(stateDir, 'keys.json'))).mode & 0o777).toBe(0o600);
    await issuer.rotateKeys();
    expect((await stat(join(stateDir, 'keys.json'))).mode & 0o777).toBe(0o600);
  });

  it('lets a CLI-minted token verify against the running server, across a rotation done by either side', async () => {
    const server = await new DevIssuer({ stateDir }).start(0);
    try {
      // The CLI is another DevIssuer over the same state directory, never started.
      const cli = new DevIssuer({ stateDir, issuer: server.issuer });
      // jose waits 30 s before refetching a JWKS by default; a rotation here is immediate.
      const jwks = createRemoteJWKSet(new URL(server.jwksUri), { cooldownDuration: 0 });
      const verify = (token: string) => jwtVerify(token, jwks, { issuer: server.issuer, audience: 'refugio-api' });

      const before = await cli.mint({ sub: 's', org: 'o', roles: ['legal_staff'] });
      await expect(verify(before)).resolves.toMatchObject({ payload: { org: 'o' } });

      const kid = await cli.rotateKeys();
      expect(await server.currentKid()).toBe(kid);
      const after = await cli.mint({ sub: 's', org: 'o', roles: ['legal_staff'] });
      await expect(verify(after)).resolves.toMatchObject({ protectedHeader: { kid } });
      await expect(verify(before)).resolves.toBeDefined();

      const serverKid = await server.rotateKeys();
      const third = await cli.mint({ sub: 's', org: 'o', roles: ['legal_staff'] });
      await expect(verify(third)).resolves.toMatchObject({ protectedHeader: { kid: serverKid } });
    } finally {
      await server.stop();
    }
  });

  it('agrees on one key set when two processes create it at once', async () => {
    const [a, b] = await Promise.all([
      new DevIssuer({ stateDir, issuer: 'http://x/dev-issuer' }).currentKid(),
      new DevIssuer({ stateDir, issuer: 'http://x/dev-issuer' }).currentKid(),
    ]);
    expect(a).toBe(b);
  });

  it('refuses a file that is not a key set rather than overwriting it', async () => {
    const store = new FileKeyStore(stateDir);
    await store.create({ keys: [] });
    await writeFile(store.path, '{"keys":[{"kid":1}]}');
    await expect(store.read()).rejects.toThrow(/not a dev-issuer key file/);
  });
});
