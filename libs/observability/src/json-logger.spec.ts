import { JsonLogger } from './json-logger';

function capture(minimum: 'debug' | 'info' = 'info'): { logger: JsonLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('intake', minimum, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per call with service, level and context', () => {
    const { logger, lines } = capture();
    logger.log('started', 'Bootstrap');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'intake', context: 'Bootstrap', msg: 'started' }),
    ]);
  });

  it('drops lines under the minimum level', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    expect(lines).toHaveLength(0);
  });

  it('reduces errors to name and code, never the message', () => {
    const { logger, lines } = capture();
    const driverError = Object.assign(new Error('E11000 dup key: { name: "Maria Lopez" }'), {
      name: 'MongoServerError',
      code: 11000,
    });
    logger.error({ msg: 'write failed', error: driverError });
    expect(JSON.stringify(lines)).not.toContain('Maria');
    expect(lines[0]).toMatchObject({ msg: 'write failed', error: { errorName: 'MongoServerError', errorCode: 11000 } });
  });
});
