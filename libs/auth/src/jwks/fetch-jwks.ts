import { JwksFailure } from './jwks-failure';

// A provider's key set is a few kilobytes; anything near this is not one.
const MAX_JWKS_BYTES = 256 * 1024;

/**
 * GETs a JWKS document and parses it as JSON. A redirect is a failure, not
 * followed: the configured URL is the only place keys come from, and a
 * redirect could lead from https: to http:.
 */
export async function fetchJwks(uri: string, timeoutMs: number): Promise<unknown> {
  // One signal for the whole exchange, so a provider that trickles its body is cut off too.
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(uri, {
      redirect: 'manual',
      signal,
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
  } catch (error) {
    throw transportFailure(error);
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new JwksFailure('http_status', response.status);
  }
  const text = await readCapped(response, MAX_JWKS_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JwksFailure('not_json');
  }
}

async function readCapped(response: Response, limit: number): Promise<string> {
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new JwksFailure('too_large');
  }
  if (!response.body) return '';
  // Node's Response types its body loosely; fetch bodies are byte streams.
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new JwksFailure('too_large');
      }
      chunks.push(value);
    }
  } catch (error) {
    throw error instanceof JwksFailure ? error : transportFailure(error);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportFailure(error: unknown): JwksFailure {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return new JwksFailure(name === 'TimeoutError' ? 'timeout' : 'unreachable');
}
