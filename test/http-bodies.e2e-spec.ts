import { TestStack } from './support/intake-stack';

/**
 * Intake as it runs (its own process, the real bootstrap) answers a body it
 * cannot take with a problem that says why: 415 for a type other than JSON,
 * and a prototype key named as such rather than as invalid JSON.
 */
describe('request bodies on intake', () => {
  const stack = new TestStack(`bodies_${Date.now().toString(36)}`);
  let token: string;

  beforeAll(async () => {
    await stack.start(['intake']);
    token = await stack.issuer.mint({ sub: 'staff_1', org: 'org_bodies', roles: ['intake_worker'] });
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  const postCases = (contentType: string, body: string): Promise<Response> =>
    fetch(`${stack.service('intake').url}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  it('answers a text/plain body 415 as problem+json', async () => {
    const response = await postCases('text/plain', JSON.stringify({ routing: { language: 'es' } }));

    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 415,
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      type: 'urn:refugio:problem:request.unsupported_media_type',
    });
  });

  it('refuses valid JSON with a "__proto__" key as prototype pollution, not as invalid JSON', async () => {
    const response = await postCases('application/json', '{"__proto__":{"isAdmin":true},"routing":{}}');

    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('REQUEST.PROTOTYPE_KEY');
    expect(problem.detail).toContain('prototype pollution');
  });
});
