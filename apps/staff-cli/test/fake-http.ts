// A tiny request router for fake servers in the staff CLI's unit tests.
// No jest globals: the production build compiles this file too.

export type Json = unknown;

export interface FakeRequest {
  readonly method: string;
  readonly segments: string[];
  readonly query: URLSearchParams;
  readonly body: Json;
  /** `org` and `sub` claims of the bearer token, if any. */
  readonly caller?: { readonly org: string; readonly sub: string };
}

/** An answer with a status; an Error so that handlers can throw it. */
export class FakeAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body?: Json,
  ) {
    super(`fake answer ${status}`);
  }
}

export function problem(status: number, code: string): FakeAnswer {
  return new FakeAnswer(status, {
    type: `urn:refugio:problem:${code.toLowerCase()}`,
    title: code,
    status,
    code,
    detail: `fake intake: ${code}`,
  });
}

/** A signed-looking token the CLI can read `sub` from; the fake trusts its claims. */
export function fakeToken(org: string, sub = `staff-of-${org}`): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ org, sub })}.sig`;
}

/** Returns the body (status 200) or a FakeAnswer, or throws a FakeAnswer. */
export type Handler = (request: FakeRequest) => unknown;

/** A fetch that hands each request to `handle`; a thrown FakeAnswer or a returned one sets the status. */
export function fakeFetch(baseUrl: string, handle: Handler, log: FakeRequest[] = []): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const path = url.pathname.slice(new URL(baseUrl).pathname.length);
    const auth = new Headers(init?.headers).get('authorization');
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      segments: path
        .split('/')
        .filter((s) => s.length > 0)
        .map(decodeURIComponent),
      query: url.searchParams,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Json) : undefined,
      ...(auth ? { caller: claimsOf(auth.replace(/^Bearer /, '')) } : {}),
    };
    log.push(request);
    let answer: unknown;
    try {
      answer = await Promise.resolve(handle(request));
    } catch (error) {
      if (!(error instanceof FakeAnswer)) throw error;
      answer = error;
    }
    const { status, body } = answer instanceof FakeAnswer ? answer : new FakeAnswer(200, answer);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

function claimsOf(token: string): { org: string; sub: string } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    org: string;
    sub: string;
  };
}
