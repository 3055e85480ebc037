// The baseline of bench:intake, run as its own process (run.ts starts it):
// bare Fastify with one route that verifies the same bearer token against the
// same JWKS, with jose, and parses the same JSON body; no validation, no
// database, no outbox, no logging. What is left of intake's rate against it
// is what Nest, the checks and the storage cost.
import Fastify from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const issuer = required('BARE_ISSUER');
  const audience = required('BARE_AUDIENCE');
  const keys = createRemoteJWKSet(new URL(required('BARE_JWKS_URI')));
  const app = Fastify({ logger: false });
  app.route({
    method: ['POST', 'PUT'],
    url: '/*',
    handler: async (request, reply) => {
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) return reply.code(401).send({ error: 'no token' });
      try {
        await jwtVerify(header.slice('Bearer '.length), keys, { issuer, audience, algorithms: ['ES256', 'RS256'] });
      } catch {
        return reply.code(401).send({ error: 'bad token' });
      }
      // Fastify's JSON parser has read the body; a client's object and nothing else is accepted, as intake does.
      if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))
        return reply.code(400).send({ error: 'expected an object' });
      return reply.code(request.method === 'POST' ? 201 : 200).send({ ok: true });
    },
  });
  await app.listen({ host: '127.0.0.1', port: Number(required('BARE_PORT')) });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
