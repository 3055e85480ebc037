import { trace } from '@opentelemetry/api';
import { installInMemoryTracing } from '../testing/in-memory-tracing';
import { jsonLogger } from './json-logger';
import { REDACTED } from './log-options';

function capture(minimum: 'debug' | 'info' = 'info') {
  const raw: string[] = [];
  const logger = jsonLogger('intake', minimum, { write: (line: string) => void raw.push(line) });
  const lines = (): Record<string, unknown>[] => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('jsonLogger', () => {
  it('writes one JSON object per line with level as a word, ISO time, service, context and msg', () => {
    const { logger, raw, lines } = capture();
    logger.log('started', 'Bootstrap');
    logger.warn({ msg: 'slow', ms: 12 }, 'Http');
    expect(raw).toHaveLength(2);
    for (const line of raw) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    const time: unknown = expect.any(String);
    expect(lines()).toEqual([
      { level: 'info', time, service: 'intake', context: 'Bootstrap', msg: 'started' },
      { level: 'warn', time, service: 'intake', context: 'Http', msg: 'slow', ms: 12 },
    ]);
    expect(new Date(String(lines()[0]!.time)).toISOString()).toBe(lines()[0]!.time);
  });

  it('drops lines under the minimum level', () => {
    const { logger, raw } = capture('info');
    logger.debug?.('noise');
    logger.verbose?.('more noise');
    expect(raw).toHaveLength(0);
  });

  it('reduces errors to name and code, never the message', () => {
    const { logger, lines } = capture();
    const driverError = Object.assign(new Error('E11000 dup key: { name: "Maria Lopez" }'), {
      name: 'MongoServerError',
      code: 11000,
    });
    logger.error({ msg: 'write failed', error: driverError });
    logger.error(driverError);
    expect(JSON.stringify(lines())).not.toContain('Maria');
    expect(lines()[0]).toMatchObject({
      msg: 'write failed',
      error: { errorName: 'MongoServerError', errorCode: 11000 },
    });
    expect(lines()[1]).toMatchObject({ msg: 'MongoServerError', err: { errorName: 'MongoServerError' } });
  });

  it('carries the active trace and span ids', async () => {
    const tracing = installInMemoryTracing();
    try {
      const { logger, lines } = capture();
      trace.getTracer('test').startActiveSpan('work', (span) => {
        logger.log({ msg: 'inside' });
        span.end();
      });
      const { traceId, spanId } = tracing.spans()[0]!.spanContext();
      expect(lines()[0]).toMatchObject({ trace_id: traceId, span_id: spanId });
    } finally {
      await tracing.uninstall();
    }
  });

  describe('redaction', () => {
    const canary = 'CANARY-Maria-Lopez-4242';
    const cases: [string, Record<string, unknown>][] = [
      ['an authorization header', { req: { headers: { authorization: `Bearer ${canary}` } } }],
      ['a cookie header', { headers: { cookie: `session=${canary}` } }],
      ['a request body', { body: { clientName: canary } }],
      ['a nested request body', { request: { body: canary } }],
      ['a query string', { req: { url: `/cases?name=${canary}` } }],
      ['a token', { token: canary }],
      ['a private key', { key: { privateKey: canary } }],
      ['a ciphertext', { section: { ciphertext: canary } }],
      ['envelopes', { envelopes: [{ sealedKey: canary }] }],
      ['a Kafka message value', { message: { value: canary } }],
      ['event data', { data: { note: canary } }],
    ];

    it.each(cases)('censors %s', (_, fields) => {
      const { logger, raw } = capture();
      logger.warn({ msg: 'careless', ...fields }, 'Test');
      expect(raw).toHaveLength(1);
      expect(raw[0]).not.toContain(canary);
      expect(raw[0]).toContain(REDACTED);
      expect(JSON.parse(raw[0]!)).toMatchObject({ msg: 'careless', context: 'Test' });
    });

    it('keeps the fields operators read', () => {
      const { logger, lines } = capture();
      logger.log({ msg: 'request completed', method: 'POST', route: '/cases', status: 201, correlationId: 'c-1' });
      expect(lines()[0]).toMatchObject({ method: 'POST', route: '/cases', status: 201, correlationId: 'c-1' });
    });
  });
});
