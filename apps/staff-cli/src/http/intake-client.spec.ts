import { CLI_ERROR_CODES, IntakeError } from '../errors/cli-error';
import { errorLine } from '../errors/format-error';
import { IntakeClient } from './intake-client';

type Call = { url: string; init: RequestInit | undefined };

function client(answer: () => Response | Promise<Response>, token?: string): { api: IntakeClient; calls: Call[] } {
  const calls: Call[] = [];
  const fetchFn = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return Promise.resolve(answer());
  };
  return {
    api: new IntakeClient({
      baseUrl: new URL('https://intake.example/api/'),
      ...(token ? { token } : {}),
      fetch: fetchFn,
      timeoutMs: 1000,
    }),
    calls,
  };
}

async function caught(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('IntakeClient', () => {
  it('encodes every path segment and sends the bearer token and JSON', async () => {
    const { api, calls } = client(() => Response.json({ ok: true }), 'tok.en.x');
    await expect(api.put(['cases', 'case/../admin?x', 'sections', 'identity'], { a: 1 })).resolves.toEqual({
      ok: true,
    });
    expect(calls[0]?.url).toBe('https://intake.example/api/cases/case%2F..%2Fadmin%3Fx/sections/identity');
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok.en.x');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init?.body).toBe('{"a":1}');
  });

  it.each(['..', '.', '%2e%2E', ''])('refuses the id %p, which URL parsing would resolve away', async (id) => {
    const { api, calls } = client(() => Response.json({}));
    expect(await caught(api.get(['cases', id, 'consents']))).toMatchObject({ code: CLI_ERROR_CODES.USAGE });
    expect(calls).toHaveLength(0);
  });

  it('sends no credentials when it has none (public endpoints)', async () => {
    const { api, calls } = client(() => Response.json({}));
    await api.get(['receipts', 'ABCD'], { purpose: 'x' });
    expect(calls[0]?.url).toBe('https://intake.example/api/receipts/ABCD?purpose=x');
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it("turns problem+json into an IntakeError with intake's code, naming the real path, ids included", async () => {
    const problem = {
      type: 'urn:refugio:problem:section.key_version_retired',
      status: 409,
      code: 'SECTION.KEY_VERSION_RETIRED',
      detail: 'rotate',
      correlationId: 'corr-12345678',
    };
    const { api } = client(() => Response.json(problem, { status: 409 }));
    const error = await caught(api.put(['cases', 'case_42', 'sections', 'identity'], {}));
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ code: 'SECTION.KEY_VERSION_RETIRED', status: 409, correlationId: 'corr-12345678' });
    expect((error as Error).message).toBe('PUT /api/cases/case_42/sections/identity: rotate');
    expect(errorLine(error)).toEqual({
      error: 'SECTION.KEY_VERSION_RETIRED',
      message: 'PUT /api/cases/case_42/sections/identity: rotate',
      status: 409,
      correlationId: 'corr-12345678',
    });
  });

  it('never puts a receipt code in an error: it travels in the body, not the path', async () => {
    const { api } = client(() =>
      Response.json({ code: 'RECEIPT.NOT_FOUND', detail: 'no such receipt' }, { status: 404 }),
    );
    const error = await caught(api.post(['receipts', 'lookup'], { receiptCode: 'RC-SECRET-CODE' }));
    expect((error as Error).message).toBe('POST /api/receipts/lookup: no such receipt');
    expect(JSON.stringify(errorLine(error))).not.toContain('RC-SECRET-CODE');
  });

  it('falls back to HTTP.<status> without a problem body', async () => {
    const { api } = client(() => new Response('<html>bad gateway</html>', { status: 502 }));
    expect(await caught(api.get(['cases', 'c', 'consents']))).toMatchObject({ code: 'HTTP.502', status: 502 });
  });

  it('reports an unreachable intake and a non-JSON success as CLI errors', async () => {
    const down = client(() => Promise.reject(new TypeError('fetch failed')));
    // The URL it tried, so a wrong host or port is visible.
    expect(await caught(down.api.get(['cases']))).toMatchObject({
      code: CLI_ERROR_CODES.INTAKE_UNREACHABLE,
      message: 'GET https://intake.example/api/cases: intake unreachable',
    });
    const html = client(() => new Response('<html/>', { status: 200 }));
    expect(await caught(html.api.get(['cases']))).toMatchObject({ code: CLI_ERROR_CODES.UNEXPECTED_RESPONSE });
  });
});
