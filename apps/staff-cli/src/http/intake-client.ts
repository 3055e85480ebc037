import { CLI_ERROR_CODES, CliError, IntakeError } from '../errors/cli-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface IntakeClientOptions {
  readonly baseUrl: URL;
  /** Omitted for public endpoints (POST /receipts/lookup): a client checking a receipt needs no account. */
  readonly token?: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/**
 * JSON over HTTP to intake. Path segments are encoded here, so an id can
 * never change which endpoint is called; error answers (problem+json) become
 * IntakeError with intake's stable code.
 *
 * Errors name the real path, ids included, so the user can tell which case or
 * section failed: ids are not secret. Secrets never travel in the path: a
 * receipt code goes in the body of POST /receipts/lookup and the token in a
 * header; the query (a purpose) is left out of errors only to keep them short.
 */
export class IntakeClient {
  constructor(private readonly options: IntakeClientOptions) {}

  get(segments: readonly (string | number)[], query?: Readonly<Record<string, string>>): Promise<unknown> {
    return this.request('GET', segments, query);
  }

  post(segments: readonly (string | number)[], body: unknown): Promise<unknown> {
    return this.request('POST', segments, undefined, body);
  }

  put(segments: readonly (string | number)[], body: unknown): Promise<unknown> {
    return this.request('PUT', segments, undefined, body);
  }

  delete(segments: readonly (string | number)[], query?: Readonly<Record<string, string>>): Promise<unknown> {
    return this.request('DELETE', segments, query);
  }

  private async request(
    method: HttpMethod,
    segments: readonly (string | number)[],
    query?: Readonly<Record<string, string>>,
    body?: unknown,
  ): Promise<unknown> {
    const url = new URL(segments.map(encodeSegment).join('/'), this.options.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const what = (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      // The whole URL: a mistyped host or port is the usual cause, and the user must see which one was tried.
      throw new CliError(CLI_ERROR_CODES.INTAKE_UNREACHABLE, `${method} ${url.href}: intake ${what}`);
    }
    const payload = await readJson(response);
    if (!response.ok) throw problemError(response, payload, method, url);
    return payload;
  }
}

/**
 * One path segment. `.` and `..` are refused rather than encoded: URL
 * parsing resolves them (and their %2e spellings), which would let an id
 * climb to another endpoint.
 */
function encodeSegment(segment: string | number): string {
  const text = String(segment);
  if (text === '' || /^(\.|%2e){1,2}$/i.test(text))
    throw new CliError(CLI_ERROR_CODES.USAGE, 'an id is empty or a dot segment');
  return encodeURIComponent(text);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return undefined;
    throw new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, 'intake answered with something other than JSON');
  }
}

function problemError(response: Response, payload: unknown, method: HttpMethod, url: URL): IntakeError {
  const problem = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const code =
    typeof problem.code === 'string' && /^[A-Z][A-Z0-9_. ]{0,63}$/.test(problem.code)
      ? problem.code
      : `HTTP.${response.status}`;
  // Intake's problem details never repeat a value (docs/errors.md), so they are shown.
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : response.statusText;
  const correlationId =
    typeof problem.correlationId === 'string'
      ? problem.correlationId
      : (response.headers.get('x-correlation-id') ?? undefined);
  return new IntakeError(code, response.status, `${method} ${url.pathname}: ${detail}`, correlationId);
}
